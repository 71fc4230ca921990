import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, inviteReminders } from "@/db/schema";
import { unsubscribeValue } from "@/lib/invites/link-seal";
import { sendDueReminders } from "@/lib/invites/reminders";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET as listInvites } from "../../../interviewer/interviews/[id]/tokens/route";
import { GET, POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const HOUR = 3_600_000;
const ONE_CLICK = { "content-type": "application/x-www-form-urlencoded" };
let hrToken = "";

beforeAll(async () => {
  hrToken = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

async function invite() {
  const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
  const interview = await makeInterview(hr, { reminder_offsets_hours: [24] });
  const minted = await makeInvite(hr, interview.id, { candidate_email: "cand@example.com", expires_in_hours: 72 });
  return { interview, token: minted.token, value: unsubscribeValue(minted.token.id) };
}

const stoppedAt = async (tokenId: string) =>
  (
    await (
      await getDb()
    )
      .select({ at: candidateTokens.remindersUnsubscribedAt })
      .from(candidateTokens)
      .where(eq(candidateTokens.id, tokenId))
  )[0]!.at;

const unsubscribeAudits = async (tokenId: string) =>
  (await getDb())
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "INVITE_REMINDERS_UNSUBSCRIBED"), eq(auditLogs.resourceId, tokenId)));

describe("POST /api/candidates/invites/unsubscribe", () => {
  it("one-click stops reminders once (audited), answers the same time again, and HR sees it", async () => {
    const { interview, token, value } = await invite();
    const first = await call(POST, "/api/candidates/invites/unsubscribe", {
      ip,
      query: { t: value },
      rawBody: "List-Unsubscribe=One-Click",
      headers: ONE_CLICK,
    });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ unsubscribed: true, reminders_unsubscribed_at: expect.any(String) });
    expect((await stoppedAt(token.id))?.toISOString()).toBe(first.json.reminders_unsubscribed_at);

    // RFC 8058 allows multipart too; a second press changes nothing.
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const multipart = new Request(
      `http://localhost:3000/api/candidates/invites/unsubscribe?t=${encodeURIComponent(value)}`,
      { method: "POST", body: form },
    );
    const again = await POST(multipart);
    expect(again.status).toBe(200);
    expect((await again.json()).reminders_unsubscribed_at).toBe(first.json.reminders_unsubscribed_at);

    const audits = await unsubscribeAudits(token.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: null, companyId: token.companyId, ipAddress: ip });

    // No reminder goes out after that, even once it is due.
    await sendDueReminders({ now: new Date(token.expiresAt!.getTime() - 23 * HOUR) });
    const reminders = await (await getDb()).select().from(inviteReminders).where(eq(inviteReminders.tokenId, token.id));
    expect(reminders).toEqual([]);

    const shown = await call(listInvites, "/x", { token: hrToken, ip, params: { id: interview.id } });
    expect(shown.status).toBe(200);
    expect(shown.json.find((i: { id: string }) => i.id === token.id)).toMatchObject({
      reminders: [],
      reminders_unsubscribed_at: first.json.reminders_unsubscribed_at,
    });
  });

  it("a browser's form submit is sent on to the page", async () => {
    const { token, value } = await invite();
    const res = await call(POST, "/api/candidates/invites/unsubscribe", {
      ip,
      query: { t: value },
      rawBody: "List-Unsubscribe=One-Click",
      headers: { ...ONE_CLICK, accept: "text/html,application/xhtml+xml" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/reminders/unsubscribe?t=${encodeURIComponent(value)}`);
    expect(await stoppedAt(token.id)).not.toBeNull();
  });

  it("refuses forged or malformed values (404 with a code), a missing one-click body and other body types", async () => {
    const { token, value } = await invite();
    const forged = `${token.id}.${"A".repeat(43)}`;
    for (const t of [forged, "nonsense", `${value}x`]) {
      const res = await call(POST, "/api/candidates/invites/unsubscribe", {
        ip,
        query: { t },
        rawBody: "List-Unsubscribe=One-Click",
        headers: ONE_CLICK,
      });
      expect(res.status, t).toBe(404);
      expect(res.json).toEqual({ detail: "This unsubscribe link is not valid", code: "unsubscribe_link_invalid" });
    }
    const noBody = await call(POST, "/api/candidates/invites/unsubscribe", {
      ip,
      query: { t: value },
      rawBody: "unsubscribe=yes",
      headers: ONE_CLICK,
    });
    expect(noBody.status).toBe(400);
    expect(noBody.json.code).toBe("bad_request");
    const asJson = await call(POST, "/api/candidates/invites/unsubscribe", {
      ip,
      query: { t: value },
      body: { "List-Unsubscribe": "One-Click" },
    });
    expect(asJson.status).toBe(415);
    const noValue = await call(POST, "/api/candidates/invites/unsubscribe", {
      ip,
      rawBody: "List-Unsubscribe=One-Click",
      headers: ONE_CLICK,
    });
    expect(noValue.status).toBe(422);
    expect(await stoppedAt(token.id)).toBeNull();
    expect(await unsubscribeAudits(token.id)).toHaveLength(0);
  });

  it("throttles one invite's presses", async () => {
    const { value } = await invite();
    const press = () =>
      call(POST, "/api/candidates/invites/unsubscribe", {
        ip: fileClientIp(),
        query: { t: value },
        rawBody: "List-Unsubscribe=One-Click",
        headers: ONE_CLICK,
      });
    for (let i = 0; i < 10; i++) expect((await press()).status).toBe(200);
    const refused = await press();
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("GET /api/candidates/invites/unsubscribe", () => {
  it("never unsubscribes (mail scanners follow links): it sends a person to the page with the button", async () => {
    const { token, value } = await invite();
    const res = await call(GET, "/api/candidates/invites/unsubscribe", { ip, query: { t: value } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/reminders/unsubscribe?t=${encodeURIComponent(value)}`);
    expect(await stoppedAt(token.id)).toBeNull();
    expect(await unsubscribeAudits(token.id)).toHaveLength(0);
  });
});
