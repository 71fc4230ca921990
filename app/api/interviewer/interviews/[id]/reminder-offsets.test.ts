import { beforeAll, describe, expect, it } from "vitest";
import { CreateInterviewBody } from "@/lib/interviews/schemas";
import { formToInterviewBody, validateDraft, type InterviewDraft } from "@/lib/interviews/form-data";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { POST as create } from "../route";
import { GET as getOne, PATCH } from "./route";

// The interview's reminder setting: hours before an invite's expiry at which a candidate who has not started is
// reminded. Over the API (create, update, read) and through the dashboard form's conversion and inline check.

useTestDb();
const ip = fileClientIp();
let token = "";
const body = { title: "Analyst", questions: [{ text: "Q1" }] };

beforeAll(async () => {
  token = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

const createWith = (extra: object) => call(create, "/x", { token, ip, body: { ...body, ...extra } });
const patch = (id: string, data: object) =>
  call(PATCH, "/x", { token, ip, method: "PATCH", body: data, params: { id } });

describe("reminder_offsets_hours over the API", () => {
  it("defaults to one reminder 24 hours before expiry; stores and replaces the hours given, [] for none", async () => {
    const plain = await createWith({});
    expect(plain.status).toBe(201);
    expect(plain.json.reminder_offsets_hours).toEqual([24]);

    const res = await createWith({ reminder_offsets_hours: [2, 48, 24] });
    expect(res.status).toBe(201);
    expect(res.json.reminder_offsets_hours).toEqual([48, 24, 2]);
    const none = await patch(res.json.id, { reminder_offsets_hours: [] });
    expect(none.status).toBe(200);
    expect(none.json.reminder_offsets_hours).toEqual([]);
    const read = await call(getOne, "/x", { token, ip, params: { id: res.json.id } });
    expect(read.json.reminder_offsets_hours).toEqual([]);
  });

  it("refuses 0, more than 720, fractions, repeats and more than five with 422 naming the field", async () => {
    for (const offsets of [[0], [721], [1.5], [24, 24], [1, 2, 3, 4, 5, 6], "24"]) {
      const res = await createWith({ reminder_offsets_hours: offsets });
      expect(res.status, JSON.stringify(offsets)).toBe(422);
      expect(res.json.code).toBe("validation_error");
      expect(res.json.detail[0].loc.slice(0, 2)).toEqual(["body", "reminder_offsets_hours"]);
    }
    const repeated = await createWith({ reminder_offsets_hours: [24, 24] });
    expect(repeated.json.detail[0].msg).toBe("Each reminder needs a different number of hours");
    const created = await createWith({});
    const bad = await patch(created.json.id, { reminder_offsets_hours: [800] });
    expect(bad.status).toBe(422);
    expect(bad.json.detail[0].msg).toBe("Enter up to 5 different whole numbers of hours from 1 to 720");
  });
});

describe("reminder hours in the dashboard form", () => {
  const draft: InterviewDraft = {
    title: "Screen",
    position: "",
    description: "",
    retakes_allowed: "0",
    resume_grace_minutes: "15",
    practice_question: "on",
    status: "active",
  };
  const questions = [{ key: "q", text: "Q1", timeLimit: "120", thinkTime: "", criteria: [] }];

  it("reads comma-separated hours, blank as none, and leaves the setting alone when the field is absent", () => {
    const parse = (reminder_offsets_hours?: string) =>
      CreateInterviewBody.parse(
        formToInterviewBody({ ...draft, questions: JSON.stringify([{ text: "Q1" }]), reminder_offsets_hours }),
      ).reminder_offsets_hours;
    expect(parse("24, 48")).toEqual([48, 24]);
    expect(parse("72 2")).toEqual([72, 2]);
    expect(parse("  ")).toEqual([]);
    expect(parse(undefined)).toBeUndefined();
  });

  it("shows one clear inline message for a bad entry", () => {
    const errors = (value: string) =>
      validateDraft({ ...draft, reminder_offsets_hours: value }, questions).fields.reminder_offsets_hours;
    expect(errors("24, soon")).toBe("Enter up to 5 different whole numbers of hours from 1 to 720");
    expect(errors("0")).toBe("Enter up to 5 different whole numbers of hours from 1 to 720");
    expect(errors("24, 24")).toBe("Each reminder needs a different number of hours");
    expect(errors("1, 2, 3, 4, 5, 6")).toBe("At most 5 reminders");
    expect(errors("48, 24")).toBeUndefined();
  });
});
