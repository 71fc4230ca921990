import { expect, type Locator, type Page } from "@playwright/test";

export interface SsoProviderFields {
  issuer: string;
  clientId: string;
  /** Left empty to keep the stored secret. */
  clientSecret?: string;
  domains: string[];
  enabled?: boolean;
  jit?: boolean;
}

/**
 * A form's outcome (FormMessage): waits for its alert or status region to say something; an error fails with its
 * text, a success returns it. Call on a freshly loaded page, so that an earlier outcome is not taken for this one.
 */
async function outcome(form: Locator, timeout?: number): Promise<string> {
  const said = form.locator('[role="alert"], [role="status"]').filter({ hasText: /\S/ });
  await expect(said.first()).toBeVisible({ timeout });
  await expect(form.getByRole("alert"), "the form refused").toHaveText("");
  return (await form.getByRole("status").innerText()).trim();
}

/** /dashboard/settings/sso (ADMIN): the redirect URI to register, the provider form, the requirement, removal. */
export class SsoSettingsPage {
  readonly redirectUri: Locator;
  readonly provider: Locator;
  readonly requirement: Locator;

  constructor(readonly page: Page) {
    this.redirectUri = page.getByLabel("Redirect URI", { exact: true });
    this.provider = page.getByRole("region", { name: "Provider", exact: true });
    this.requirement = page.getByRole("region", { name: "Require single sign-on", exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/settings/sso");
    await expect(this.page.getByRole("heading", { name: "Single sign-on (OpenID Connect)", level: 1 })).toBeVisible();
  }

  /** Fills the provider form, saves, and returns the success status's text (the save checks the issuer first). */
  async saveProvider(fields: SsoProviderFields): Promise<string> {
    const form = this.provider;
    await form.getByLabel("Issuer URL").fill(fields.issuer);
    await form.getByLabel("Client ID").fill(fields.clientId);
    if (fields.clientSecret !== undefined) await form.getByLabel("Client secret").fill(fields.clientSecret);
    await form.getByLabel("Email domains").fill(fields.domains.join("\n"));
    if (fields.enabled !== undefined) await form.getByLabel("Enabled", { exact: true }).setChecked(fields.enabled);
    if (fields.jit !== undefined)
      await form.getByLabel("Create accounts on first sign-in", { exact: false }).setChecked(fields.jit);
    await form.getByRole("button", { name: "Save", exact: true }).click();
    return outcome(form, 20_000); // the save fetches the provider's discovery document
  }

  /** Turns the requirement on (with `breakGlassEmail` keeping password sign-in) or off; returns the status text. */
  async setRequired(required: boolean, breakGlassEmail?: string): Promise<string> {
    const form = this.requirement;
    await form.getByLabel("Require single sign-on", { exact: true }).setChecked(required);
    if (breakGlassEmail) {
      const select = form.getByLabel("Break-glass admin");
      const option = select.locator("option").filter({ hasText: breakGlassEmail });
      await select.selectOption((await option.getAttribute("value"))!);
    }
    await form.getByRole("button", { name: "Save requirement" }).click();
    return outcome(form);
  }

  /** Removes the provider through the confirmation dialog (nothing to do when none is configured). */
  async remove(): Promise<void> {
    const trigger = this.page.getByRole("button", { name: "Remove single sign-on" });
    if ((await trigger.count()) === 0) return;
    await trigger.click();
    const dialog = this.page.getByRole("dialog", { name: "Remove single sign-on?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Remove single sign-on" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByText("Single sign-on was removed", { exact: false })).toBeVisible();
  }
}
