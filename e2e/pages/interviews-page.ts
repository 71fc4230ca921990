import { expect, type Locator, type Page } from "@playwright/test";

export interface NewQuestion {
  text: string;
  timeLimitSeconds?: number;
  thinkTimeSeconds?: number;
}

/** The interview list and the create/edit form with its question editor. */
export class InterviewsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Interviews, newest first" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/interviews");
    await expect(this.page.getByRole("heading", { name: "Interviews", level: 1 })).toBeVisible();
  }

  async create(input: { title: string; position?: string; questions: NewQuestion[] }): Promise<void> {
    await this.page.goto("/dashboard/interviews/new");
    await expect(this.page.getByRole("heading", { name: "New interview", level: 1 })).toBeVisible();
    await this.page.getByLabel("Title").fill(input.title);
    if (input.position) await this.page.getByLabel("Role or position").fill(input.position);
    for (const [index, question] of input.questions.entries()) {
      const n = index + 1;
      if (index > 0) await this.page.getByRole("button", { name: "Add question" }).click();
      await this.page.getByLabel(`Question ${n} text`).fill(question.text);
      const item = this.page
        .getByRole("listitem")
        .filter({ has: this.page.getByRole("heading", { name: `Question ${n}`, exact: true }) });
      if (question.timeLimitSeconds)
        await item.getByLabel("Answer time limit (seconds)").fill(String(question.timeLimitSeconds));
      if (question.thinkTimeSeconds)
        await item.getByLabel("Think time (seconds, optional)").fill(String(question.thinkTimeSeconds));
    }
    await this.page.getByRole("button", { name: "Create interview" }).click();
    await expect(this.page).toHaveURL(/\/dashboard\/interviews\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole("heading", { name: input.title, level: 1 })).toBeVisible();
  }

  row(title: string): Locator {
    return this.table.getByRole("row").filter({ hasText: title });
  }
}
