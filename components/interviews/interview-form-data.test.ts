import { describe, expect, it } from "vitest";
import { CreateInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { formToInterviewBody, toQuestionsInput, validateDraft, type InterviewDraft } from "./interview-form-data";

const draft: InterviewDraft = { title: "Screen", position: "", description: "  ", retakes_allowed: "1", resume_grace_minutes: "15", practice_question: "on", status: "active" };
const q = (text: string, timeLimit = "120", thinkTime = "") => ({ key: text, text, timeLimit, thinkTime });

describe("interview form data", () => {
  it("turns the form's strings into the API body, blanks becoming null or defaults", () => {
    const form = { ...draft, questions: JSON.stringify(toQuestionsInput([q("One", ""), q("Two", "60", "15")])) };
    expect(CreateInterviewBody.parse(formToInterviewBody(form))).toEqual({
      title: "Screen",
      position: null,
      description: null,
      retakes_allowed: 1,
      resume_grace_minutes: 15,
      practice_question: true,
      status: "active",
      questions: [
        { text: "One", time_limit_seconds: 120, think_time_seconds: null },
        { text: "Two", time_limit_seconds: 60, think_time_seconds: 15 },
      ],
    });
  });

  it("reads the practice checkbox: ticked is on, absent is off", () => {
    const questions = JSON.stringify(toQuestionsInput([q("One")]));
    expect(CreateInterviewBody.parse(formToInterviewBody({ ...draft, questions })).practice_question).toBe(true);
    expect(CreateInterviewBody.parse(formToInterviewBody({ ...draft, practice_question: "", questions })).practice_question).toBe(false);
  });

  it("keeps the question order for an update, which replaces the list", () => {
    const form = { ...draft, status: "archived", questions: JSON.stringify(toQuestionsInput([q("B"), q("A")])) };
    const body = UpdateInterviewBody.parse(formToInterviewBody(form));
    expect(body.questions?.map((x) => x.text)).toEqual(["B", "A"]);
    expect(body.status).toBe("archived");
  });

  it("reports each problem at its own field and question, in words", () => {
    const errors = validateDraft({ ...draft, title: " ", retakes_allowed: "11" }, [q("Fine"), q("", "5", "x")]);
    expect(errors.fields).toEqual({ title: "Title is required", retakes_allowed: "Enter a whole number from 0 to 10" });
    expect(errors.questions).toEqual({
      1: {
        text: "Question text is required",
        time_limit_seconds: "Enter a time limit from 10 to 1800 seconds",
        think_time_seconds: "Enter a think time from 0 to 600 seconds, or leave it blank",
      },
    });
  });

  it("asks for at least one question", () => {
    expect(validateDraft(draft, []).fields.questions).toBe("Add at least one question");
  });

  it("treats malformed question JSON as no questions rather than failing", () => {
    expect(CreateInterviewBody.safeParse(formToInterviewBody({ ...draft, questions: "{not json" })).success).toBe(false);
  });
});
