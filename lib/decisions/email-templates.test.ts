import { describe, expect, it } from "vitest";
import { formToInterviewBody, validateDraft } from "@/lib/interviews/form-data";
import { decisionEmailDrafts, toDecisionEmailsInput } from "@/components/interviews/review-settings-draft";
import { CreateInterviewBody } from "@/lib/interviews/schemas";
import {
  DecisionEmailsInput,
  DEFAULT_DECISION_EMAILS,
  renderDecisionEmail,
  templateFor,
  unknownPlaceholders,
} from "./email-templates";

const values = { candidateName: "Grace Hopper", interviewTitle: "Data analyst", companyName: "NextGen AI" };

describe("decision email templates", () => {
  it("fills the default reject template in", () => {
    const email = renderDecisionEmail(templateFor({}, "reject"), values);
    expect(email.subject).toBe("Your application for Data analyst at NextGen AI");
    expect(email.text).toMatch(/^Hello Grace Hopper,\n/);
    expect(email.text).toContain("not to move forward");
    expect(email.text).not.toContain("{{");
  });

  it("uses the interview's own template for a decision, the default for the others", () => {
    const own = { subject: "Hi {{ candidate_name }}", body: "{{company_name}} says yes to {{interview_title}}." };
    expect(templateFor({ advance: own }, "advance")).toBe(own);
    expect(templateFor({ advance: own }, "hold")).toBe(DEFAULT_DECISION_EMAILS.hold);
    expect(renderDecisionEmail(own, values)).toEqual({
      subject: "Hi Grace Hopper",
      text: "NextGen AI says yes to Data analyst.",
    });
  });

  it("reads well without a candidate name, and keeps names on one line", () => {
    expect(renderDecisionEmail(DEFAULT_DECISION_EMAILS.hold, { ...values, candidateName: null }).text).toMatch(
      /^Hello,\n/,
    );
    expect(
      renderDecisionEmail({ subject: "{{interview_title}}", body: "x" }, { ...values, interviewTitle: "A\r\nBcc: x" })
        .subject,
    ).toBe("A Bcc: x");
  });

  it("names unknown placeholders, and the schema refuses them with a readable message", () => {
    expect(unknownPlaceholders("Hi {{first_name}} {{candidate_name}} {{ first_name }} {{}}")).toEqual([
      "first_name",
      "",
    ]);
    const result = DecisionEmailsInput.safeParse({ reject: { subject: "Hi {{first_name}}", body: "ok" } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["reject", "subject"]);
    expect(result.error!.issues[0]!.message).toBe(
      "Unknown placeholder {{first_name}}; use {{candidate_name}}, {{interview_title}}, {{company_name}}",
    );
    expect(DecisionEmailsInput.safeParse({ maybe: { subject: "s", body: "b" } }).success).toBe(false);
    expect(DecisionEmailsInput.safeParse({ hold: { subject: " ", body: "b" } }).success).toBe(false);
    expect(DecisionEmailsInput.parse({ hold: null, reject: { subject: " S ", body: "B" } })).toEqual({
      reject: { subject: "S", body: "B" },
    });
  });

  it("the form stores only the wording that differs from the default", () => {
    const drafts = decisionEmailDrafts({ hold: { subject: "Wait", body: "Please wait" } });
    expect(drafts.reject).toEqual(DEFAULT_DECISION_EMAILS.reject);
    expect(toDecisionEmailsInput(drafts)).toEqual({ hold: { subject: "Wait", body: "Please wait" } });
    drafts.reject = { ...drafts.reject, body: `${drafts.reject.body.replace(/\n/g, "\r\n")}\n` };
    expect(toDecisionEmailsInput(drafts)).toEqual({ hold: { subject: "Wait", body: "Please wait" } });
  });

  it("the form sends blind review and the templates, and puts a template's problem under its own field", () => {
    const draft = {
      title: "T",
      position: "",
      description: "",
      retakes_allowed: "0",
      resume_grace_minutes: "15",
      practice_question: "",
      status: "active",
    };
    const questions = JSON.stringify([{ text: "Q", time_limit_seconds: 60, think_time_seconds: null, criteria: [] }]);
    const emails = JSON.stringify({ hold: { subject: "Wait", body: "Hi {{candidate_name}}" } });
    const body = CreateInterviewBody.parse(
      formToInterviewBody({ ...draft, questions, blind_review: "off", decision_emails: emails }),
    );
    expect(body).toMatchObject({
      blind_review: false,
      decision_emails: { hold: { subject: "Wait", body: "Hi {{candidate_name}}" } },
    });
    const bad = JSON.stringify({ reject: { subject: "Hi {{name}}", body: " " } });
    const errors = validateDraft({ ...draft, decision_emails: bad }, [
      { key: "q", text: "Q", timeLimit: "60", thinkTime: "", criteria: [] },
    ]);
    expect(errors.fields).toEqual({
      "decision_emails.reject.subject":
        "Unknown placeholder {{name}}; use {{candidate_name}}, {{interview_title}}, {{company_name}}",
      "decision_emails.reject.body": "The email text is required",
    });
  });
});
