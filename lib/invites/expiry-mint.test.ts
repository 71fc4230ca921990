import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, companies } from "@/db/schema";
import { startSession } from "@/lib/candidate-sessions/start";
import { companyHolidays, updateCompanyHolidays } from "@/lib/companies/holidays";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { bulkMint } from "./bulk";
import { describeInvite } from "./landing";
import { updateInvite } from "./manage";
import { mintInvite } from "./mint";
import { parseMintForm } from "./mint-form";
import { toInviteJson } from "./serialize";

// Minting with each expiry rule stores the rule and the instant it resolved to; the start statement then judges only
// that instant, so an invite whose resolved expiry has passed cannot start.

const fixture = useTestDb();
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const baseUrl = "http://localhost:3000";
const HOUR_MS = 3600_000;

const stored = async (tokenId: string) => {
  const [row] = await (await getDb()).select().from(candidateTokens).where(eq(candidateTokens.id, tokenId));
  return row!;
};

describe("minting with expiry rules", () => {
  it("stores each rule with its resolved expires_at", async () => {
    const interview = await makeInterview(hr());
    const before = Date.now();

    const plain = await makeInvite(hr(), interview.id);
    expect(plain.token.expiryRule).toEqual({ kind: "hours", hours: 72 });
    expect(plain.token.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 72 * HOUR_MS);

    const hours = await makeInvite(hr(), interview.id, { expires_in_hours: 5 });
    expect(hours.token.expiryRule).toEqual({ kind: "hours", hours: 5 });

    const instant = new Date(Date.now() + 50 * HOUR_MS).toISOString();
    const exact = await makeInvite(hr(), interview.id, { expires_at: instant });
    expect(exact.token).toMatchObject({ expiryRule: { kind: "at" }, expiresAt: new Date(instant) });

    const business = await makeInvite(hr(), interview.id, {
      expiry_rule: { kind: "business_days", days: 3, time_zone: "europe/berlin" },
    });
    const row = await stored(business.token.id);
    expect(row.expiryRule).toEqual({ kind: "business_days", days: 3, time_zone: "Europe/Berlin" });
    const local = DateTime.fromJSDate(row.expiresAt!, { zone: "Europe/Berlin" });
    expect(local.toFormat("HH:mm:ss.SSS")).toBe("23:59:59.999");
    expect(local.weekday).toBeLessThanOrEqual(5);

    const date = DateTime.now().setZone("Asia/Kolkata").plus({ days: 10 }).toISODate()!;
    const endOfDay = await makeInvite(hr(), interview.id, {
      expiry_rule: { kind: "end_of_day", date, time_zone: "Asia/Kolkata" },
    });
    expect((await stored(endOfDay.token.id)).expiresAt!.toISOString()).toBe(
      DateTime.fromISO(`${date}T18:29:59.999Z`).toUTC().toISO(),
    );

    const json = toInviteJson(endOfDay.token, { inProgress: false, completed: false }, new Date());
    expect(json).toMatchObject({
      expiry_rule: { kind: "end_of_day", date, time_zone: "Asia/Kolkata" },
      expiry_rule_text: expect.stringMatching(/^End of \w+day \d{1,2} \w+ \d{4}, Asia\/Kolkata$/),
    });
    const audit = await (
      await getDb()
    )
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "INVITE_MINTED"), eq(auditLogs.resourceId, business.token.id)));
    expect(audit[0]!.details).toMatchObject({ expiry_rule: { kind: "business_days", days: 3 } });
  });

  it("skips the company's holidays, read from the database when minting", async () => {
    const interview = await makeInterview(hr());
    const zone = "America/New_York";
    const rule = { kind: "business_days" as const, days: 1, time_zone: zone };
    const first = await makeInvite(hr(), interview.id, { expiry_rule: rule });
    const firstDay = DateTime.fromJSDate(first.token.expiresAt!, { zone }).toISODate()!;
    await updateCompanyHolidays({ actor: hr(), add: [firstDay], meta });
    const second = await makeInvite(hr(), interview.id, { expiry_rule: rule });
    const secondDay = DateTime.fromJSDate(second.token.expiresAt!, { zone });
    expect(secondDay.toISODate()! > firstDay).toBe(true);
    expect(secondDay.weekday).toBeLessThanOrEqual(5);
    expect(secondDay.toFormat("HH:mm:ss.SSS")).toBe("23:59:59.999");
    // Another company's holidays are its own.
    const globex = actorFrom(fixture.people["admin@globex.com"]!, "ADMIN");
    expect(await companyHolidays(await getDb(), globex.companyId)).toEqual([]);
    await updateCompanyHolidays({ actor: hr(), remove: [firstDay], meta });
  });

  it("the start statement honours the resolved expiry: a rule whose instant passed cannot start", async () => {
    const interview = await makeInterview(hr());
    const longAgo = new Date(Date.now() - 30 * 24 * HOUR_MS);
    const base = { actor: hr(), interviewId: interview.id, meta, baseUrl, now: longAgo };
    const business = await mintInvite({
      ...base,
      data: { expiry_rule: { kind: "business_days", days: 2, time_zone: "Australia/Sydney" } },
    });
    const day = DateTime.fromJSDate(longAgo, { zone: "Europe/Berlin" }).plus({ days: 1 }).toISODate()!;
    const endOfDay = await mintInvite({
      ...base,
      data: { expiry_rule: { kind: "end_of_day", date: day, time_zone: "Europe/Berlin" } },
    });
    for (const minted of [business, endOfDay]) {
      expect(minted.token.expiresAt!.getTime()).toBeLessThan(Date.now());
      await expect(startSession({ invite: minted.value, meta })).rejects.toMatchObject({
        status: 410,
        reason: "invite_expired",
      });
      expect((await stored(minted.token.id)).currentAttempts).toBe(0);
      expect((await describeInvite(minted.value)).state).toBe("expired");
    }
    // The same rules resolved now start fine.
    const fresh = await makeInvite(hr(), interview.id, {
      expiry_rule: { kind: "business_days", days: 2, time_zone: "Australia/Sydney" },
    });
    await expect(startSession({ invite: fresh.value, meta })).resolves.toMatchObject({ attemptNumber: 1 });
    const view = await describeInvite(fresh.value);
    expect(view.expiryRule).toEqual({ kind: "business_days", days: 2, time_zone: "Australia/Sydney" });
  });

  it("refuses a bad rule with its reason and creates nothing", async () => {
    const interview = await makeInterview(hr());
    const count = async () =>
      (await (await getDb()).select().from(candidateTokens).where(eq(candidateTokens.interviewId, interview.id)))
        .length;
    await expect(
      makeInvite(hr(), interview.id, { expiry_rule: { kind: "end_of_day", date: "2020-01-01", time_zone: "UTC" } }),
    ).rejects.toMatchObject({ status: 422, reason: "expiry_in_past" });
    await expect(
      makeInvite(hr(), interview.id, { expiry_rule: { kind: "business_days", days: 2, time_zone: "Moon/Base" } }),
    ).rejects.toMatchObject({ status: 422, reason: "invalid_time_zone" });
    expect(await count()).toBe(0);
  });

  it("bulk: the rule applies to rows without their own hours", async () => {
    const interview = await makeInterview(hr());
    const links = await bulkMint({
      actor: hr(),
      interviewId: interview.id,
      csv: "Ada,ada@example.com\nBo,bo@example.com,12",
      expiryRule: { kind: "business_days", days: 5, time_zone: "Pacific/Chatham" },
      baseUrl,
      meta,
    });
    const rows = await (
      await getDb()
    )
      .select()
      .from(candidateTokens)
      .where(eq(candidateTokens.interviewId, interview.id));
    const byEmail = new Map(rows.map((r) => [r.candidateEmail, r]));
    expect(byEmail.get("ada@example.com")!.expiryRule).toEqual({
      kind: "business_days",
      days: 5,
      time_zone: "Pacific/Chatham",
    });
    expect(byEmail.get("bo@example.com")!.expiryRule).toEqual({ kind: "hours", hours: 12 });
    expect(links).toHaveLength(2);
  });
});

describe("changing an invite's expiry with a rule", () => {
  it("resolves the new rule from now, stores it, and audits from and to", async () => {
    const interview = await makeInterview(hr());
    const minted = await makeInvite(hr(), interview.id);
    const date = DateTime.now().setZone("America/St_Johns").plus({ days: 20 }).toISODate()!;
    const row = await updateInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: minted.token.id,
      data: { expiry_rule: { kind: "end_of_day", date, time_zone: "America/St_Johns" } },
      meta,
    });
    expect(row.expiryRule).toEqual({ kind: "end_of_day", date, time_zone: "America/St_Johns" });
    expect(DateTime.fromJSDate(row.expiresAt!, { zone: "America/St_Johns" }).toFormat("yyyy-MM-dd HH:mm:ss")).toBe(
      `${date} 23:59:59`,
    );
    const pushed = await updateInvite({
      actor: hr(),
      interviewId: interview.id,
      tokenId: minted.token.id,
      data: { extend_hours: 24 },
      meta,
    });
    expect(pushed.expiryRule).toEqual({ kind: "at" });
    expect(pushed.expiresAt!.getTime()).toBe(row.expiresAt!.getTime() + 24 * HOUR_MS);
    const [audit] = await (
      await getDb()
    )
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "INVITE_EXTENDED"), eq(auditLogs.resourceId, minted.token.id)))
      .limit(1);
    expect(audit!.details).toMatchObject({ expiry_rule: { from: { kind: "hours", hours: 72 } } });
  });
});

describe("company holidays", () => {
  it("are sorted, de-duplicated, audited once per change, and capped", async () => {
    const actor = hr();
    const db = await getDb();
    const audited = async () =>
      (await db.select().from(auditLogs).where(eq(auditLogs.action, "COMPANY_HOLIDAYS_UPDATED"))).map((a) => a.details);
    const earlier = (await audited()).length;
    const first = await updateCompanyHolidays({ actor, add: ["2027-12-25", "2027-01-01", "2027-12-25"], meta });
    expect(first).toMatchObject({ holidays: ["2027-01-01", "2027-12-25"], added: ["2027-01-01", "2027-12-25"] });
    // Nothing new: no change, no audit row.
    await updateCompanyHolidays({ actor, add: ["2027-01-01"], meta });
    const removed = await updateCompanyHolidays({ actor, remove: ["2027-01-01"], meta });
    expect(removed.holidays).toEqual(["2027-12-25"]);
    expect((await audited()).slice(earlier)).toEqual([
      { added: ["2027-01-01", "2027-12-25"], removed: [], count: 2 },
      { added: [], removed: ["2027-01-01"], count: 1 },
    ]);
    const many = Array.from({ length: 200 }, (_, i) => DateTime.fromISO("2030-01-01").plus({ days: i }).toISODate()!);
    await expect(updateCompanyHolidays({ actor, add: many, meta })).rejects.toMatchObject({ status: 422 });
    const [company] = await db.select().from(companies).where(eq(companies.id, actor.companyId));
    expect(company!.holidays).toEqual(["2027-12-25"]);
    await updateCompanyHolidays({ actor, remove: ["2027-12-25"], meta });
  });
});

describe("the mint form", () => {
  it("turns its flat fields into the API body, with issues on the controls", () => {
    expect(
      parseMintForm({ expiry_kind: "business_days", days: "4", time_zone: "Europe/Berlin", max_attempts: "2" }),
    ).toMatchObject({ expiry_rule: { kind: "business_days", days: 4, time_zone: "Europe/Berlin" }, max_attempts: 2 });
    expect(parseMintForm({ expiry_kind: "hours", expires_in_hours: "48" })).toMatchObject({ expires_in_hours: 48 });
    const fieldsOf = (form: Record<string, string>) => {
      try {
        parseMintForm(form);
        return [];
      } catch (error) {
        return (error as { extra: { issues: { loc: string[] }[] } }).extra.issues.map((i) => i.loc.at(-1));
      }
    };
    expect(fieldsOf({ expiry_kind: "business_days", days: "0", time_zone: "" })).toEqual(["days", "time_zone"]);
    expect(fieldsOf({ expiry_kind: "end_of_day", date: "", time_zone: "UTC" })).toEqual(["date"]);
    expect(fieldsOf({ expiry_kind: "at", expires_at: "" })).toEqual(["expires_at"]);
  });
});
