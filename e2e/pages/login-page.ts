import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/accounts";

export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  /** "Sign in with your company", offered once the address typed signs in through its company's provider. */
  readonly companyButton: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password", { exact: true });
    // Exact: "Sign in with your company" appears beside it for an address whose company has single sign-on.
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
    // Scoped to the page content: Next's route announcer is an alert region too.
    this.error = page.getByRole("main").getByRole("alert");
    this.companyButton = page.getByRole("button", { name: "Sign in with your company" });
  }

  async goto(callbackUrl?: string): Promise<void> {
    await this.page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in and waits for the dashboard (or the page named by callbackUrl). */
  async signInAndWait(email: string, password = DEMO_PASSWORD, landing: RegExp = /\/dashboard$/): Promise<void> {
    await this.signIn(email, password);
    await expect(this.page).toHaveURL(landing);
  }
}
