import { describe, expect, it } from "vitest";
import { newInviteValue } from "@/lib/invites/token-value";
import { REDACTED_LINK, redactInviteLinks } from "./redact-links";

describe("redactInviteLinks", () => {
  const value = newInviteValue();
  it.each([
    [`Start your interview: https://app.example.com/interview/${value}\n`, `Start your interview: ${REDACTED_LINK}\n`],
    [`<a href="http://localhost:3000/interview/${value}">Start</a>`, `<a href="${REDACTED_LINK}">Start</a>`],
    [`(/interview/${value})`, `(${REDACTED_LINK})`],
    [
      `two: https://a.example/interview/${value} and https://a.example/interview/${newInviteValue()}.`,
      `two: ${REDACTED_LINK} and ${REDACTED_LINK}.`,
    ],
    ["See https://app.example.com/interview/ for help", "See https://app.example.com/interview/ for help"],
  ])("%j", (input, expected) => {
    expect(redactInviteLinks(input)).toBe(expected);
  });
});
