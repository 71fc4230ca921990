import { expect, type Locator, type Page } from "@playwright/test";

export class OutboxPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Emails, newest first" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/outbox");
    await expect(this.page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  }

  /** The newest email to `to`. */
  rowTo(to: string): Locator {
    return this.table.getByRole("row").filter({ hasText: to }).first();
  }

  /** Opens the newest email to `to` and answers its text body. */
  async openMessageTo(to: string): Promise<string> {
    const row = this.rowTo(to);
    await row.locator("summary").click();
    const body = row.locator("pre");
    await expect(body).toBeVisible();
    return body.innerText();
  }
}
