import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLogs, companies, companySso, companySsoDomains, users } from "@/db/schema";
import { startTestIdp, type TestIdp } from "@/test/oidc-provider";
import { useTestDb } from "@/test/use-test-db";
import { loadEnabledSso, removeSso, saveSso, ssoCompanyForEmail, ssoSettingsOf, type SsoInput } from "./config";
import { sealSsoSecret } from "./secret-seal";

// Saving a company's provider: the issuer is checked against its real discovery document (oidc-provider, and a small
// server that answers wrong documents), domains are checked against other companies, and the secret is sealed.

const fixture = useTestDb();
const meta = { ip: "203.0.113.7", userAgent: "vitest" };
let idp: TestIdp;
let bad: { url: string; close: () => void; answer: (doc: unknown) => void };
let actor: { userId: string; companyId: string };

beforeAll(async () => {
  const db = await getDb();
  const [company] = await db.insert(companies).values({ name: "Initech" }).returning({ id: companies.id });
  const [template] = await db.select().from(users).where(eq(users.email, "admin@nextgenai.com"));
  const [admin] = await db
    .insert(users)
    .values({
      companyId: company!.id,
      email: "admin@initech.test",
      role: "ADMIN",
      passwordHash: template!.passwordHash,
    })
    .returning({ id: users.id });
  actor = { userId: admin!.id, companyId: company!.id };
  idp = await startTestIdp({ redirectUris: ["http://localhost:3000/api/auth/callback/unused"] });

  let doc: unknown = {};
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(typeof doc === "string" ? doc : JSON.stringify(doc));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  bad = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
    answer: (d) => (doc = d),
  };
});

afterAll(async () => {
  await idp?.close();
  bad?.close();
});

const input = (overrides: Partial<SsoInput> = {}): SsoInput => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  domains: ["initech.test", "corp.initech.test"],
  enabled: true,
  jitEnabled: false,
  requireEmailVerified: true,
  ...overrides,
});

const fieldError = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { status?: number; reason?: string; extra?: { issues?: { loc: string[]; msg: string }[] } }) => ({
      status: e.status,
      reason: e.reason,
      field: e.extra?.issues?.[0]?.loc.at(-1),
      msg: e.extra?.issues?.[0]?.msg,
    }),
  );

describe("saveSso", () => {
  it("stores the provider with its sealed secret and domains, audits without the secret, and sign-in can load it", async () => {
    expect(await ssoSettingsOf(actor.companyId)).toBeNull();
    expect(
      await saveSso({ actor, sso: input({ domains: ["Initech.test", "initech.test", "@corp.initech.test"] }), meta }),
    ).toEqual({ created: true });
    const settings = await ssoSettingsOf(actor.companyId);
    expect(settings).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      secretOpens: true,
      enabled: true,
      jitEnabled: false,
      requireEmailVerified: true,
      ssoRequired: false,
      domains: ["corp.initech.test", "initech.test"],
    });
    const db = await getDb();
    const [row] = await db.select().from(companySso).where(eq(companySso.companyId, actor.companyId));
    expect(row!.clientSecretSealed).not.toContain(idp.clientSecret);
    expect((await loadEnabledSso(actor.companyId))?.clientSecret).toBe(idp.clientSecret);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.companyId, actor.companyId), eq(auditLogs.action, "COMPANY_SETTINGS_UPDATED")))
      .orderBy(desc(auditLogs.createdAt))
      .limit(1);
    expect(audit!.details).toMatchObject({ setting: "sso", issuer: idp.issuer, secret_changed: true, created: true });
    expect(JSON.stringify(audit!.details)).not.toContain(idp.clientSecret);
  });

  it("keeps the stored secret when the field is left empty", async () => {
    await saveSso({ actor, sso: input({ clientSecret: "", jitEnabled: true }), meta });
    expect(await loadEnabledSso(actor.companyId)).toMatchObject({ clientSecret: idp.clientSecret, jitEnabled: true });
  });

  it("answers the login page's question for enabled companies only", async () => {
    expect(await ssoCompanyForEmail("someone@INITECH.test")).toBe(actor.companyId);
    expect(await ssoCompanyForEmail("someone@corp.initech.test")).toBe(actor.companyId);
    expect(await ssoCompanyForEmail("someone@other.test")).toBeNull();
    expect(await ssoCompanyForEmail("not-an-address")).toBeNull();
    await saveSso({ actor, sso: input({ enabled: false }), meta });
    expect(await ssoCompanyForEmail("someone@initech.test")).toBeNull();
    expect(await loadEnabledSso(actor.companyId)).toBeNull();
    await saveSso({ actor, sso: input(), meta });
  });

  it("refuses domains that are public mail providers, malformed, or another company's", async () => {
    expect(await fieldError(saveSso({ actor, sso: input({ domains: ["gmail.com"] }), meta }))).toMatchObject({
      status: 422,
      reason: "sso_config_invalid",
      field: "domains",
    });
    expect(await fieldError(saveSso({ actor, sso: input({ domains: ["not a domain"] }), meta }))).toMatchObject({
      field: "domains",
    });
    expect(await fieldError(saveSso({ actor, sso: input({ domains: [] }), meta }))).toMatchObject({ field: "domains" });
    // NextGen's users have nextgenai.com addresses: Initech cannot point that domain at its own provider.
    expect(await fieldError(saveSso({ actor, sso: input({ domains: ["nextgenai.com"] }), meta }))).toMatchObject({
      status: 409,
      reason: "sso_domain_taken",
      field: "domains",
    });
    // A domain another company's provider already signs in.
    const db = await getDb();
    const globex = fixture.people["admin@globex.com"]!.companyId;
    await db.insert(companySso).values({
      companyId: globex,
      issuer: "https://login.globex.example",
      clientId: "globex",
      clientSecretSealed: sealSsoSecret("s", globex),
    });
    await db.insert(companySsoDomains).values({ domain: "globex-partners.test", companyId: globex });
    expect(
      await fieldError(saveSso({ actor, sso: input({ domains: ["initech.test", "globex-partners.test"] }), meta })),
    ).toMatchObject({ status: 409, reason: "sso_domain_taken" });
    // Nothing was half-written: the earlier domains stand.
    expect((await ssoSettingsOf(actor.companyId))?.domains).toEqual(["corp.initech.test", "initech.test"]);
  });

  it("refuses an issuer that is not https, unreachable, not OpenID, another issuer, or without PKCE", async () => {
    const issuerError = async (issuer: string) => fieldError(saveSso({ actor, sso: input({ issuer }), meta }));
    expect(await issuerError("http://login.example.com")).toMatchObject({ field: "issuer", msg: /https/ });
    expect(await issuerError("https://10.0.0.8/")).toMatchObject({ field: "issuer", msg: /private/ });
    expect(await issuerError("not a url")).toMatchObject({ field: "issuer" });
    bad.answer("<html>not json</html>");
    expect(await issuerError(bad.url)).toMatchObject({ field: "issuer", msg: /discovery document/ });
    const doc = {
      issuer: bad.url,
      authorization_endpoint: `${bad.url}/auth`,
      token_endpoint: `${bad.url}/token`,
      userinfo_endpoint: `${bad.url}/me`,
      jwks_uri: `${bad.url}/jwks`,
      code_challenge_methods_supported: ["S256"],
    };
    bad.answer({ ...doc, issuer: "https://someone-else.example" });
    expect(await issuerError(bad.url)).toMatchObject({ field: "issuer", msg: /different issuer/ });
    bad.answer({ ...doc, code_challenge_methods_supported: ["plain"] });
    expect(await issuerError(bad.url)).toMatchObject({ field: "issuer", msg: /PKCE/ });
    bad.answer(doc);
    expect(await issuerError(`${bad.url}/`)).toBeNull(); // a trailing slash is the same issuer
    expect((await ssoSettingsOf(actor.companyId))?.issuer).toBe(bad.url); // stored as the provider spells it
    await saveSso({ actor, sso: input(), meta });
  });

  it("needs the secret the first time, and a client id", async () => {
    const db = await getDb();
    const [company] = await db.insert(companies).values({ name: "Fresh" }).returning({ id: companies.id });
    const fresh = { userId: actor.userId, companyId: company!.id };
    expect(
      await fieldError(saveSso({ actor: fresh, sso: input({ clientSecret: "", domains: ["fresh.test"] }), meta })),
    ).toMatchObject({ field: "client_secret" });
    expect(await fieldError(saveSso({ actor, sso: input({ clientId: "  " }), meta }))).toMatchObject({
      field: "client_id",
    });
  });

  it("removes the provider with its domains, audited", async () => {
    expect(await removeSso({ actor, meta })).toEqual({ removed: true });
    expect(await ssoSettingsOf(actor.companyId)).toBeNull();
    expect(await ssoCompanyForEmail("someone@initech.test")).toBeNull();
    expect(await removeSso({ actor, meta })).toEqual({ removed: false });
  });
});
