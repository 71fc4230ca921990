import { expect, type Locator, type Page } from "@playwright/test";

/** "Your sessions" (/dashboard/account/sessions), or an ADMIN's view of a user's (/dashboard/users/{id}/sessions). */
export class SessionsPage {
  readonly table: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly owner: { self: true } | { self: false; email: string } = { self: true },
  ) {
    this.table = page.getByRole("table", {
      name: owner.self ? "Your active sessions" : `Active sessions of ${owner.email}`,
    });
    this.status = page.getByRole("main").getByRole("status").first();
  }

  get heading(): Locator {
    return this.page.getByRole("heading", {
      level: 1,
      name: this.owner.self ? "Your sessions" : `Sessions of ${this.owner.email}`,
    });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/account/sessions");
    await expect(this.heading).toBeVisible();
  }

  /** The body rows (the header row excluded). */
  rows(): Locator {
    return this.table.locator("tbody").getByRole("row");
  }

  /** The row of the session this browser is using. */
  currentRow(): Locator {
    return this.rows().filter({ hasText: "This device" });
  }

  /** Opens the row's sign-out dialog and confirms it. */
  async signOut(row: Locator, dialogName: RegExp | string): Promise<void> {
    await row.getByRole("button", { name: /^Sign out/ }).click();
    const dialog = this.page.getByRole("dialog", { name: dialogName });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
  }

  /** "Sign out all other sessions" (own) or "Sign out all sessions" (ADMIN), confirmed. */
  async signOutAll(): Promise<void> {
    const self = this.owner.self;
    await this.page
      .getByRole("button", { name: self ? "Sign out all other sessions" : "Sign out all sessions" })
      .click();
    const dialog = this.page.getByRole("dialog", {
      name: self
        ? "Sign out all other sessions?"
        : `Sign out all of ${(this.owner as { email: string }).email}'s sessions?`,
    });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: self ? "Sign out others" : "Sign out all" }).click();
    await expect(dialog).toBeHidden();
  }
}
