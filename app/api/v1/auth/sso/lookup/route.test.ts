import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { companySso, companySsoDomains } from "@/db/schema";
import { SSO_LOOKUP_API_RULE } from "@/lib/auth/sso/lookup";
import { sealSsoSecret } from "@/lib/auth/sso/secret-seal";
import { useTestDb } from "@/test/use-test-db";
import { call } from "@/test/http";
import { freshIp } from "@/test/login-accounts";
import { POST } from "./route";

const fixture = useTestDb();
const lookup = (body: unknown, ip = freshIp()) => call(POST, "/api/v1/auth/sso/lookup", { body, ip });

async function configureSso(companyId: string, domain: string, enabled: boolean) {
  const db = await getDb();
  await db.insert(companySso).values({
    companyId,
    issuer: "https://idp.example.test",
    clientId: "client-id",
    clientSecretSealed: sealSsoSecret("client-secret", companyId),
    enabled,
  });
  await db.insert(companySsoDomains).values({ domain, companyId });
}

describe("POST /api/v1/auth/sso/lookup", () => {
  it("answers unknown domains, companies without single sign-on and disabled ones alike", async () => {
    const unknown = await lookup({ email: `someone@unknown-${randomUUID()}.example` });
    const withoutSso = await lookup({ email: "admin@nextgenai.com" });
    await configureSso(fixture.people["admin@globex.com"]!.companyId, "globex.com", false);
    const disabled = await lookup({ email: "admin@globex.com" });
    for (const res of [unknown, withoutSso, disabled]) {
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ sso: false });
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect(new Set([unknown.text, withoutSso.text, disabled.text]).size).toBe(1);
  });

  it("says true for an address of an enabled company's domain, in any case, and only that exact domain", async () => {
    await configureSso(fixture.people["admin@nextgenai.com"]!.companyId, "nextgenai.com", true);
    const yes = await lookup({ email: "someone-new@nextgenai.com" });
    expect(yes.status).toBe(200);
    expect(yes.json).toEqual({ sso: true });
    expect(yes.headers.get("cache-control")).toBe("no-store");
    expect((await lookup({ email: "Admin@NextGenAI.COM" })).json).toEqual({ sso: true });
    expect((await lookup({ email: "admin@sub.nextgenai.com" })).json).toEqual({ sso: false });
  });

  it("422 for a missing or malformed email, 400 for a body that is not JSON", async () => {
    const missing = await lookup({});
    expect(missing.status).toBe(422);
    expect(missing.json.code).toBe("validation_error");
    expect(missing.json.detail).toEqual([expect.objectContaining({ loc: ["body", "email"], type: "missing" })]);
    const malformed = await lookup({ email: "not-an-email" });
    expect(malformed.status).toBe(422);
    expect(malformed.json.detail[0].loc).toEqual(["body", "email"]);
    const notJson = await call(POST, "/api/v1/auth/sso/lookup", {
      rawBody: "{",
      method: "POST",
      headers: { "content-type": "application/json" },
      ip: freshIp(),
    });
    expect(notJson.status).toBe(400);
  });

  it(`429 rate_limited with Retry-After after ${SSO_LOOKUP_API_RULE.limit} lookups a minute from one client`, async () => {
    const ip = freshIp();
    for (let i = 0; i < SSO_LOOKUP_API_RULE.limit; i++) {
      const res = await lookup({ email: `person${i}@nextgenai.com` }, ip);
      expect(res.status, `lookup ${i + 1}`).toBe(200);
    }
    const limited = await lookup({ email: "admin@nextgenai.com" }, ip);
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(SSO_LOOKUP_API_RULE.windowSeconds);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect((await lookup({ email: "admin@nextgenai.com" })).status).toBe(200); // another client is not held to it
  });
});
