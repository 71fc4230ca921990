import { expect, type Locator, type Page } from "@playwright/test";

/** One interview: its details, the invites table and the invite dialogs. */
export class InterviewPage {
  readonly invites: Locator;

  constructor(readonly page: Page) {
    this.invites = page.getByRole("table", { name: "Candidate invites" });
  }

  async goto(url: string, title: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  }

  /** Mints an invite through the dialog and answers the link, which is shown only this once. */
  async mintInvite(input: {
    name: string;
    email: string;
    expiresInHours?: number;
    maxAttempts?: number;
  }): Promise<string> {
    await this.page.getByRole("button", { name: "Mint invite" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Invite a candidate" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Candidate name").fill(input.name);
    await dialog.getByLabel("Candidate email").fill(input.email);
    if (input.expiresInHours) await dialog.getByLabel("Expires in (hours)").fill(String(input.expiresInHours));
    if (input.maxAttempts) await dialog.getByLabel("Attempts allowed").fill(String(input.maxAttempts));
    await dialog.getByRole("button", { name: "Create invite" }).click();
    await expect(dialog.getByRole("status").first()).toHaveText(
      `Invite created; the email to ${input.email.toLowerCase()} waits in the Outbox.`,
    );
    await expect(dialog).toContainText("will not be shown again");
    const link = await dialog.getByLabel("Interview link").inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
    return link;
  }

  inviteRow(email: string): Locator {
    return this.invites.getByRole("row").filter({ hasText: email });
  }
}
