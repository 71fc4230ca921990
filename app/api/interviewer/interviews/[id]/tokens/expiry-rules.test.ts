import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { POST as createInterview } from "../../route";
import { PATCH as update } from "./[tokenId]/route";
import { POST as bulk } from "./bulk/route";
import { GET as list, POST as mint } from "./route";

// The invite endpoints take `expiry_rule` as a third way to set the expiry, answer it back with its plain words, and
// refuse a bad rule with a 422 whose `code` says why.

useTestDb();
const ip = fileClientIp();
let auth = {} as { token: string; ip: string };
let params = {} as { id: string };

beforeAll(async () => {
  auth = { token: (await apiLogin("hr@nextgenai.com", ip)).access_token, ip };
  const interview = await call(createInterview, "/x", {
    ...auth,
    body: { title: "Expiry rules", questions: [{ text: "Q1" }] },
  });
  params = { id: interview.json.id };
});

describe("expiry rules over the API", () => {
  it("mints with a business-day rule and lists it with its words", async () => {
    const minted = await call(mint, "/x", {
      ...auth,
      params,
      body: { expiry_rule: { kind: "business_days", days: 3, time_zone: "Europe/Berlin" } },
    });
    expect(minted.status).toBe(201);
    expect(minted.json).toMatchObject({
      expiry_rule: { kind: "business_days", days: 3, time_zone: "Europe/Berlin" },
      expiry_rule_text: "3 business days, skipping weekends and company holidays (Europe/Berlin)",
    });
    const local = DateTime.fromISO(minted.json.expires_at, { zone: "Europe/Berlin" });
    expect(local.toFormat("HH:mm:ss.SSS")).toBe("23:59:59.999");

    const listed = await call(list, "/x", { ...auth, params });
    expect(listed.json.find((i: { id: string }) => i.id === minted.json.id)).toMatchObject({
      expiry_rule: { kind: "business_days" },
      expiry_rule_text: expect.stringContaining("3 business days"),
    });

    const date = DateTime.now().setZone("America/New_York").plus({ days: 7 }).toISODate();
    const changed = await call(update, "/x", {
      ...auth,
      method: "PATCH",
      params: { ...params, tokenId: minted.json.id },
      body: { expiry_rule: { kind: "end_of_day", date, time_zone: "America/New_York" } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.expiry_rule).toEqual({ kind: "end_of_day", date, time_zone: "America/New_York" });
    expect(DateTime.fromISO(changed.json.expires_at, { zone: "America/New_York" }).toFormat("yyyy-MM-dd HH:mm")).toBe(
      `${date} 23:59`,
    );
  });

  it("answers 422 with a code for each bad rule, creating nothing", async () => {
    const cases: [unknown, string, string[]][] = [
      [{ kind: "business_days", days: 2, time_zone: "Not/AZone" }, "invalid_time_zone", ["time_zone"]],
      [{ kind: "end_of_day", date: "2021-06-01", time_zone: "Europe/Berlin" }, "expiry_in_past", ["date"]],
      [{ kind: "end_of_day", date: "2099-06-01", time_zone: "Europe/Berlin" }, "expiry_too_far", ["date"]],
      [{ kind: "business_days", days: 0, time_zone: "UTC" }, "validation_error", ["days"]],
      [{ kind: "business_days", days: 61, time_zone: "UTC" }, "validation_error", ["days"]],
      [{ kind: "end_of_day", date: "2026-02-30", time_zone: "UTC" }, "validation_error", ["date"]],
      [{ kind: "fortnight" }, "validation_error", ["kind"]],
    ];
    const before = (await call(list, "/x", { ...auth, params })).json.length;
    for (const [rule, code, field] of cases) {
      const res = await call(mint, "/x", { ...auth, params, body: { expiry_rule: rule } });
      expect(res.status, JSON.stringify(rule)).toBe(422);
      expect(res.json.code, JSON.stringify(rule)).toBe(code);
      expect(res.json.detail[0].loc, JSON.stringify(rule)).toEqual(["body", "expiry_rule", ...field]);
    }
    const twoWays = await call(mint, "/x", {
      ...auth,
      params,
      body: { expires_in_hours: 4, expiry_rule: { kind: "hours", hours: 4 } },
    });
    expect(twoWays).toMatchObject({ status: 422, json: { code: "validation_error" } });
    const badBulk = await call(bulk, "/x", {
      ...auth,
      params,
      body: { csv: "Ada,ada@example.com", expiry_rule: { kind: "business_days", days: 1, time_zone: "Nowhere" } },
    });
    expect(badBulk).toMatchObject({ status: 422, json: { code: "invalid_time_zone" } });
    expect((await call(list, "/x", { ...auth, params })).json.length).toBe(before);
  });
});
