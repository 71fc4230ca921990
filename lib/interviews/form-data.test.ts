import { describe, expect, it } from "vitest";
import { CreateInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { DEFAULT_RUBRIC } from "@/lib/evaluation/rubric";
import {
  formToInterviewBody,
  hasErrors,
  toQuestionsInput,
  validateDraft,
  type InterviewDraft,
  type QuestionDraft,
} from "./form-data";
import {
  defaultCriterionDrafts,
  newCompetency,
  newCriterion,
  toCompetenciesInput,
  type CriterionDraft,
} from "./rubric-draft";

const draft: InterviewDraft = {
  title: "Screen",
  position: "",
  description: "  ",
  retakes_allowed: "1",
  resume_grace_minutes: "15",
  practice_question: "on",
  status: "active",
};
const q = (text: string, timeLimit = "120", thinkTime = "", criteria: CriterionDraft[] = []): QuestionDraft => ({
  key: text,
  text,
  timeLimit,
  thinkTime,
  criteria,
});
const criterion = (name: string) =>
  newCriterion({ name, good: `Good ${name}`, anchors: { "1": "Weak", "3": "Fair", "5": "Strong" } });

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
        { text: "One", time_limit_seconds: 120, think_time_seconds: null, criteria: [] },
        { text: "Two", time_limit_seconds: 60, think_time_seconds: 15, criteria: [] },
      ],
      competencies: [],
    });
  });

  it("reads the practice checkbox: ticked is on, absent is off", () => {
    const questions = JSON.stringify(toQuestionsInput([q("One")]));
    expect(CreateInterviewBody.parse(formToInterviewBody({ ...draft, questions })).practice_question).toBe(true);
    expect(
      CreateInterviewBody.parse(formToInterviewBody({ ...draft, practice_question: "", questions })).practice_question,
    ).toBe(false);
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
    expect(CreateInterviewBody.safeParse(formToInterviewBody({ ...draft, questions: "{not json" })).success).toBe(
      false,
    );
  });

  it("sends each question's criteria and the competencies without the editor's keys", () => {
    const form = {
      ...draft,
      questions: JSON.stringify(toQuestionsInput([q("One", "120", "", [criterion("Depth")]), q("Two")])),
      competencies: JSON.stringify(
        toCompetenciesInput([newCompetency({ name: "Ownership", description: "Owns outcomes" })]),
      ),
    };
    const body = CreateInterviewBody.parse(formToInterviewBody(form));
    expect(body.questions.map((x) => x.criteria)).toEqual([
      [{ name: "Depth", good: "Good Depth", anchors: { "1": "Weak", "3": "Fair", "5": "Strong" } }],
      [],
    ]);
    expect(body.competencies).toEqual([{ name: "Ownership", description: "Owns outcomes" }]);
  });

  it("offers the default criteria as fresh drafts that pass the check", () => {
    const drafts = defaultCriterionDrafts();
    expect(drafts.map((c) => c.name)).toEqual(DEFAULT_RUBRIC.criteria.map((c) => c.name));
    drafts[0]!.anchors["1"] = "changed";
    expect(DEFAULT_RUBRIC.criteria[0]!.anchors["1"]).not.toBe("changed");
    expect(new Set([...drafts, ...defaultCriterionDrafts()].map((c) => c.key)).size).toBe(6);
    expect(hasErrors(validateDraft(draft, [q("One", "120", "", defaultCriterionDrafts()), q("Unscored")]))).toBe(false);
  });

  it("puts each rubric problem at its criterion's or competency's field, by key", () => {
    const missing = criterion("Clarity");
    missing.anchors["3"] = " ";
    const twice = criterion(" depth ");
    const competency = newCompetency({ name: "Ownership", description: "" });
    const errors = validateDraft(
      draft,
      [q("One", "120", "", [criterion("Depth"), twice]), q("Two", "120", "", [missing])],
      [competency],
    );
    expect(errors.fields).toEqual({});
    expect(errors.questions).toEqual({});
    expect(errors.rubric).toEqual({
      [`${twice.key}.name`]: 'Criterion "depth" appears twice (also #1)',
      [`${missing.key}.anchors.3`]: "The anchor for score 3 is required",
      [`${competency.key}.description`]: "Competency description is required",
    });
  });

  it("reports too many criteria on the question's list, and too many competencies on theirs", () => {
    const seven = ["A", "B", "C", "D", "E", "F", "G"].map(criterion);
    const nine = Array.from({ length: 9 }, (_, i) => newCompetency({ name: `C${i}`, description: "x" }));
    const errors = validateDraft(draft, [q("One", "120", "", seven)], nine);
    expect(errors.rubric).toEqual({
      One: "A question may have at most 6 criteria",
      competencies: "An interview may have at most 8 competencies",
    });
  });
});
