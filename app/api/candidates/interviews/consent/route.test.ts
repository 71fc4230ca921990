import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateConsents } from "@/db/schema";
import { CONSENT_VERSION } from "@/lib/consent/text";
import { revokeInvite } from "@/lib/invites/manage";
import { call } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

const fixture = useTestDb();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

const consent = (body: unknown) => call(POST, "/api/candidates/interviews/consent", { method: "POST", body });

describe("POST /api/candidates/interviews/consent", () => {
  it("stores the consent with the server's time, the statement shown and the requester, and audits it", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const before = Date.now();
    const response = await consent({ token: value, version: CONSENT_VERSION, accepted: true });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ version: CONSENT_VERSION });
    expect(new Date(response.json.accepted_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const db = await getDb();
    const [row] = await db.select().from(candidateConsents).where(eq(candidateConsents.tokenId, token.id));
    expect(row!.statement).toMatchObject({ version: CONSENT_VERSION, company: "NextGen AI" });
    expect(String(row!.statement.retention)).toMatch(/12 months/);
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, token.id), eq(auditLogs.action, "CONSENT_GIVEN")));
    expect(audits).toHaveLength(1);
  });

  it("keeps one row per invite and wording: agreeing again answers the same record and writes nothing", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const first = await consent({ token: value, version: CONSENT_VERSION, accepted: true });
    expect(first.status).toBe(201);
    const again = await Promise.all(
      Array.from({ length: 20 }, () => consent({ token: value, version: CONSENT_VERSION, accepted: true })),
    );
    expect(again.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of again) expect(r.json).toEqual(first.json);
    const db = await getDb();
    expect(await db.select().from(candidateConsents).where(eq(candidateConsents.tokenId, token.id))).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, token.id), eq(auditLogs.action, "CONSENT_GIVEN")));
    expect(audits).toHaveLength(1);
  });

  it("refuses an unticked box (422), old wording (409), an unknown or withdrawn link (404), and stores nothing", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    expect((await consent({ token: value, version: CONSENT_VERSION, accepted: false })).status).toBe(422);
    expect((await consent({ token: value, version: CONSENT_VERSION })).status).toBe(422);
    expect((await consent({ token: value, version: "2020-01-v0", accepted: true })).status).toBe(409);
    expect((await consent({ token: "x".repeat(43), version: CONSENT_VERSION, accepted: true })).status).toBe(404);
    await revokeInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: token.id,
      meta: { ip: "127.0.0.1", userAgent: "vitest" },
    });
    expect((await consent({ token: value, version: CONSENT_VERSION, accepted: true })).status).toBe(404);
    const db = await getDb();
    expect(await db.select().from(candidateConsents).where(eq(candidateConsents.tokenId, token.id))).toEqual([]);
  });
});
