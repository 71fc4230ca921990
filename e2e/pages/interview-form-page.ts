import { expect, type Locator, type Page } from "@playwright/test";

/** The create/edit interview form's rubric: each question's scoring criteria and the interview's competencies. */
export class InterviewFormPage {
  readonly competencies: Locator;
  /** The confirmation asked before text is thrown away. */
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.competencies = page.getByRole("group", { name: "Competencies" });
    this.confirmDialog = page.getByRole("dialog");
  }

  criteriaToggle(question: number): Locator {
    return this.page.getByRole("button", { name: `Scoring criteria for question ${question}` });
  }

  /** Opens question N's criteria (a no-op when already open). */
  async openCriteria(question: number): Promise<void> {
    const toggle = this.criteriaToggle(question);
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
  }

  criterion(question: number, n: number): Locator {
    return this.page.getByRole("group", { name: `Criterion ${n} of question ${question}`, exact: true });
  }

  criteriaOf(question: number): Locator {
    return this.page.getByRole("group", { name: new RegExp(`^Criterion \\d+ of question ${question}$`) });
  }

  async fillCriterion(
    question: number,
    n: number,
    values: { name?: string; good?: string; anchors?: Partial<Record<"1" | "3" | "5", string>> },
  ) {
    const group = this.criterion(question, n);
    if (values.name !== undefined) await group.getByLabel("Criterion name").fill(values.name);
    if (values.good !== undefined) await group.getByLabel("What good looks like").fill(values.good);
    for (const [score, text] of Object.entries(values.anchors ?? {}))
      await group.getByLabel(`Score ${score} looks like`).fill(text);
  }

  /** Presses the button and answers the confirmation it asks. */
  async confirm(button: Locator, answer: "confirm" | "cancel", confirmLabel: string): Promise<void> {
    await button.click();
    await expect(this.confirmDialog).toBeVisible();
    await expect(this.confirmDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await this.confirmDialog.getByRole("button", { name: answer === "cancel" ? "Cancel" : confirmLabel }).click();
    await expect(this.confirmDialog).toBeHidden();
  }

  async addCompetency(name: string, description: string): Promise<void> {
    await this.competencies.getByRole("button", { name: "Add competency" }).click();
    const group = this.competencies.getByRole("group").last();
    await expect(group.getByLabel("Competency name")).toBeFocused();
    await group.getByLabel("Competency name").fill(name);
    await group.getByLabel("Competency description").fill(description);
  }
}
