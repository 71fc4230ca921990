import { afterAll, describe, expect, it } from "vitest";
import { closeBcryptPool } from "./bcrypt-pool";
import { dummyVerify, hashPassword, prehash, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";

afterAll(() => closeBcryptPool());

describe("password hashing", () => {
  it("test_password_hash_verification: verifies the right password and rejects others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$2[ab]\$10\$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("bytes past bcrypt's 72-byte limit still count", async () => {
    const base = "a".repeat(80);
    const hash = await hashPassword(`${base}1`);
    expect(await verifyPassword(`${base}2`, hash)).toBe(false);
    expect(prehash(`${base}1`)).toHaveLength(44);
  });

  it("a comparison whose request was cancelled is dropped with a 400, not run", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(verifyPassword("correct horse battery staple", hash, cancelled.signal)).rejects.toMatchObject({ status: 400 });
  });

  it("dummyVerify never matches", async () => {
    expect(await dummyVerify("anything")).toBe(false);
  });

  it("hashes with the cost it is given (BCRYPT_COST; below 10 is refused by lib/env)", async () => {
    expect(await hashPassword("x".repeat(12), 11)).toMatch(/^\$2[ab]\$11\$/);
  });
});

describe("password policy", () => {
  it("needs 12 to 256 characters and has no composition rules", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem("all lowercase words here")).toBeNull();
  });

  it("counts characters, not bytes", () => {
    expect(passwordProblem("ééééééééééé")).toMatch(/at least 12/); // 11 characters, 22 bytes
  });

  it("rejects common passwords from the maintained list, case-insensitively", () => {
    expect(passwordProblem("1qaz2wsx3edc")).toMatch(/too common/);
    expect(passwordProblem("QWERTY123456")).toMatch(/too common/);
  });
});
