import { expect, type Locator, type Page } from "@playwright/test";

/** The frame around every dashboard page: header, main navigation and sign-out. */
export class DashboardShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.heading = page.getByRole("main").getByRole("heading", { level: 1 });
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
  }

  navLink(name: string): Locator {
    return this.nav.getByRole("link", { name, exact: true });
  }

  async expectNav(visible: string[], hidden: string[] = []): Promise<void> {
    for (const name of visible) await expect(this.navLink(name)).toBeVisible();
    for (const name of hidden) await expect(this.navLink(name)).toHaveCount(0);
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}
