import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { sealFor } from "./seal";

afterEach(() => setEnvForTests(undefined));

describe("sealFor", () => {
  it("opens what it sealed, for the same owner only", () => {
    const seal = sealFor("test-seal v1");
    const owner = randomUUID();
    const sealed = seal.seal("client-secret-value", owner);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("client-secret-value");
    expect(seal.open(sealed, owner)).toBe("client-secret-value");
    expect(seal.open(sealed, randomUUID())).toBeNull();
  });

  it("seals differently each time, and a purpose does not open another's seals", () => {
    const owner = randomUUID();
    const a = sealFor("purpose-a v1");
    const b = sealFor("purpose-b v1");
    expect(a.seal("x", owner)).not.toBe(a.seal("x", owner));
    expect(b.open(a.seal("x", owner), owner)).toBeNull();
  });

  it("returns null for malformed, truncated or tampered values", () => {
    const seal = sealFor("test-seal v1");
    const owner = randomUUID();
    const sealed = seal.seal("value", owner);
    expect(seal.open("", owner)).toBeNull();
    expect(seal.open("v2.abc", owner)).toBeNull();
    expect(seal.open("v1.AAAA", owner)).toBeNull();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[14] = raw[14]! ^ 1;
    expect(seal.open(`v1.${raw.toString("base64url")}`, owner)).toBeNull();
  });

  it("does not open under another AUTH_SECRET", () => {
    const seal = sealFor("test-seal v1");
    const owner = randomUUID();
    const sealed = seal.seal("value", owner);
    setEnvForTests({ AUTH_SECRET: "another-secret-that-is-at-least-32-characters-long" });
    expect(seal.open(sealed, owner)).toBeNull();
  });
});
