import { beforeAll, describe, expect, it } from "vitest";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { POST as create } from "../route";
import { GET as getOne, PATCH } from "./route";

// The interview's review settings over the API: blind review and the decision emails per decision.

useTestDb();
const ip = fileClientIp();
let token = "";
const body = { title: "Analyst", questions: [{ text: "Q1" }] };
const reject = { subject: "About {{interview_title}}", body: "Hello {{candidate_name}}, thank you. {{company_name}}" };

beforeAll(async () => {
  token = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

const createWith = (extra: object) => call(create, "/x", { token, ip, body: { ...body, ...extra } });
const patch = (id: string, data: object) =>
  call(PATCH, "/x", { token, ip, method: "PATCH", body: data, params: { id } });

describe("interview review settings", () => {
  it("defaults to blind review and no templates of its own", async () => {
    const res = await createWith({});
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ blind_review: true, decision_emails: {} });
  });

  it("stores blind_review and the templates given, and PATCH replaces the set", async () => {
    const res = await createWith({ blind_review: false, decision_emails: { reject } });
    expect(res.json).toMatchObject({ blind_review: false, decision_emails: { reject } });
    const changed = await patch(res.json.id, {
      decision_emails: { hold: { subject: "Wait", body: "Please wait" }, reject: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.decision_emails).toEqual({ hold: { subject: "Wait", body: "Please wait" } });
    expect(changed.json.blind_review).toBe(false);
    const read = await call(getOne, "/x", { token, ip, params: { id: res.json.id } });
    expect(read.json).toMatchObject({ blind_review: false, decision_emails: { hold: { subject: "Wait" } } });
    expect((await patch(res.json.id, { blind_review: true })).json.blind_review).toBe(true);
  });

  it("refuses an unknown placeholder, an unknown decision and overlong text with 422 naming the field", async () => {
    const unknown = await createWith({ decision_emails: { reject: { subject: "Hi {{first_name}}", body: "x" } } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.code).toBe("validation_error");
    expect(unknown.json.detail).toEqual([
      expect.objectContaining({
        loc: ["body", "decision_emails", "reject", "subject"],
        msg: expect.stringContaining("Unknown placeholder {{first_name}}"),
      }),
    ]);
    expect((await createWith({ decision_emails: { maybe: reject } })).status).toBe(422);
    expect((await createWith({ decision_emails: { hold: { subject: "s", body: "x".repeat(5001) } } })).status).toBe(
      422,
    );
    expect((await createWith({ blind_review: "yes" })).status).toBe(422);
  });
});
