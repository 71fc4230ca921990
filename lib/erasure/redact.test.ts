import { describe, expect, it } from "vitest";
import { ERASED, redactDetails } from "./redact";

describe("redactDetails", () => {
  const subject = { email: "Ann.Lee@Example.org", name: "Ann Lee" };

  it("erases personal keys, free-text keys and every mention of the email or name, keeping ids and counts", () => {
    expect(
      redactDetails(
        {
          interview_id: "i-1",
          candidate_email: "ann.lee@example.org",
          candidate_name: "Ann Lee",
          to: "ann.lee@example.org",
          max_attempts: 2,
          message: "Mailed ANN.LEE@example.org about ann lee's slot",
          nested: { list: ["Ann Lee", 3], user_agent: "Firefox" },
          reason: "Seemed nervous, lives far away",
          note: "Call back Tuesday",
          private_note: "Strong on SQL",
          decision_note: "Only one more week",
          reason_length: 30,
          note_given: true,
        },
        subject,
      ),
    ).toEqual({
      interview_id: "i-1",
      candidate_email: ERASED,
      candidate_name: ERASED,
      to: ERASED,
      max_attempts: 2,
      message: `Mailed ${ERASED} about ${ERASED}'s slot`,
      nested: { list: [ERASED, 3], user_agent: ERASED },
      reason: ERASED,
      note: ERASED,
      private_note: ERASED,
      decision_note: ERASED,
      reason_length: 30,
      note_given: true,
    });
  });

  it("answers the same object when nothing is personal, and keeps nulls", () => {
    const details = { interview_id: "i-1", candidate_email: null, recordings: 2, reason: null };
    expect(redactDetails(details, subject)).toBe(details);
    expect(redactDetails(null, subject)).toBeNull();
  });

  it("replaces a name as a whole word only, and never a name shorter than 3 characters", () => {
    const li = { email: null, name: "Li" };
    const details = { message: "A solid answer; Li was calm", other: "Lime" };
    expect(redactDetails(details, li)).toBe(details);
    const ann = { email: null, name: "Ann" };
    expect(redactDetails({ message: "Ann planned the Annual review with anna and ANN." }, ann)).toEqual({
      message: `${ERASED} planned the Annual review with anna and ${ERASED}.`,
    });
    expect(redactDetails({ message: "Zoë Ångström met Zoë Ångströms" }, { email: null, name: "Zoë Ångström" })).toEqual(
      {
        message: `${ERASED} met Zoë Ångströms`,
      },
    );
  });
});
