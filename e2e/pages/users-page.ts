import { expect, type Locator, type Page } from "@playwright/test";

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  password: string;
}

export class UsersPage {
  readonly createForm: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.createForm = page.getByRole("region", { name: "Create user" });
    this.table = page.getByRole("table", { name: "Users in your company" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/dashboard/users");
    await expect(this.page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  }

  async fillCreateForm(user: NewUser): Promise<void> {
    const form = this.createForm;
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("First name").fill(user.firstName);
    await form.getByLabel("Last name").fill(user.lastName);
    await form.getByLabel("Role").selectOption({ label: user.role });
    await form.getByLabel("Initial password", { exact: true }).fill(user.password);
    await form.getByRole("button", { name: "Create user" }).click();
  }

  async createUser(user: NewUser): Promise<void> {
    await this.fillCreateForm(user);
    await expect(this.createForm.getByRole("status")).toHaveText(
      `Created ${user.email.toLowerCase()} as ${user.role}.`,
    );
  }

  row(email: string): Locator {
    return this.table.getByRole("row").filter({ hasText: email });
  }

  roleSelect(email: string): Locator {
    return this.row(email).getByLabel(`Role for ${email}`);
  }

  async changeRole(email: string, role: string): Promise<void> {
    await this.roleSelect(email).selectOption({ label: role });
    await this.row(email)
      .getByRole("button", { name: `Save role for ${email}` })
      .click();
    // The row has two status regions (role and account status); this is the role form's.
    await expect(this.row(email).getByRole("status").filter({ hasText: "Role saved" })).toHaveText(
      `Role saved: ${role}.`,
    );
  }

  async deactivate(email: string): Promise<void> {
    await this.row(email)
      .getByRole("button", { name: `Deactivate ${email}` })
      .click();
    const dialog = this.page.getByRole("dialog", { name: `Deactivate ${email}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(dialog).toBeHidden();
    await expect(this.row(email).getByText("Deactivated", { exact: true })).toBeVisible();
  }
}
