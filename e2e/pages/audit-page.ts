import { expect, type Locator, type Page } from "@playwright/test";

export class AuditPage {
  readonly filters: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.filters = page.getByRole("search", { name: "Filter audit entries" });
    this.table = page.getByRole("table", { name: "Audit entries, newest first" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/audit");
    await expect(this.page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  }

  async filterByAction(action: string): Promise<void> {
    await this.filters.getByLabel("Action").selectOption(action);
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]action=${action}(&|$)`));
  }

  /** The body rows (the header row excluded). */
  entries(): Locator {
    return this.table.locator("tbody").getByRole("row");
  }
}
