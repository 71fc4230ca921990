import { describe, expect, it } from "vitest";
import { ERASED, redactDetails } from "./redact";

describe("redactDetails", () => {
  const subject = { email: "Ann.Lee@Example.org", name: "Ann Lee" };

  it("erases personal keys and every mention of the email or name, keeping ids and counts", () => {
    expect(
      redactDetails(
        {
          interview_id: "i-1",
          candidate_email: "ann.lee@example.org",
          candidate_name: "Ann Lee",
          to: "ann.lee@example.org",
          max_attempts: 2,
          note: "Mailed ANN.LEE@example.org about ann lee's slot",
          nested: { list: ["Ann Lee", 3], user_agent: "Firefox" },
        },
        subject,
      ),
    ).toEqual({
      interview_id: "i-1",
      candidate_email: ERASED,
      candidate_name: ERASED,
      to: ERASED,
      max_attempts: 2,
      note: `Mailed ${ERASED} about ${ERASED}'s slot`,
      nested: { list: [ERASED, 3], user_agent: ERASED },
    });
  });

  it("answers the same object when nothing is personal, and keeps nulls", () => {
    const details = { interview_id: "i-1", candidate_email: null, recordings: 2 };
    expect(redactDetails(details, subject)).toBe(details);
    expect(redactDetails(null, subject)).toBeNull();
  });
});
