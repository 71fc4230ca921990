import { expect, type Locator, type Page } from "@playwright/test";

/** The public page a candidate's invite link opens. */
export class CandidateLandingPage {
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
  }

  async goto(link: string, title: string): Promise<void> {
    await this.page.goto(link);
    await expect(this.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  }
}
