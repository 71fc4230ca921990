import { expect, test } from "@playwright/test";
import { DashboardShell } from "./pages/dashboard-shell";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";
import { SIGNED_OUT, uniqueEmail } from "./support/accounts";

// Runs as the admin (saved state). The new employee gets a browser context of their own, as a second person would.
test("an admin creates an employee, who signs in; deactivation throws their open session out", async ({
  page,
  browser,
}) => {
  const users = new UsersPage(page);
  const employee = {
    email: uniqueEmail("new-hire"),
    firstName: "Nina",
    lastName: "Newhire",
    role: "Employee",
    password: "violet-harbour-lantern-42",
  };

  await test.step("the admin creates the account", async () => {
    await users.goto();
    await users.createUser(employee);
    await expect(users.row(employee.email).getByText("Active", { exact: true })).toBeVisible();
  });

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const employeePage = await context.newPage();
  await test.step("the employee signs in and sees only what an employee may", async () => {
    const login = new LoginPage(employeePage);
    await login.goto();
    await login.signInAndWait(employee.email, employee.password);
    const shell = new DashboardShell(employeePage);
    await expect(shell.heading).toHaveText("Welcome, Nina");
    await shell.expectNav(["Overview"], ["Users", "Audit log"]);
  });

  await test.step("the admin deactivates them after confirming", async () => {
    await users.deactivate(employee.email);
  });

  await test.step("the employee's next navigation lands on the login page", async () => {
    await employeePage.reload();
    await expect(employeePage).toHaveURL(/\/login/);
    await expect(employeePage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  await test.step("and they cannot sign in again", async () => {
    const login = new LoginPage(employeePage);
    await login.signIn(employee.email, employee.password);
    await expect(login.error).toHaveText("Invalid email or password");
  });
  await context.close();
});

test("a common password is refused inline and the form keeps what was typed", async ({ page }) => {
  const users = new UsersPage(page);
  const email = uniqueEmail("weak");
  await users.goto();
  await users.fillCreateForm({
    email,
    firstName: "Walt",
    lastName: "Weak",
    role: "Team lead",
    password: "password1234",
  });

  const password = users.createForm.getByLabel("Initial password", { exact: true });
  await expect(password).toHaveAccessibleDescription(/This password is too common; choose another/);
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(users.createForm.getByLabel("Email")).toHaveValue(email);
  await expect(users.row(email)).toHaveCount(0);
});

test("an admin promotes a user; the new role sticks", async ({ page }) => {
  const users = new UsersPage(page);
  const email = uniqueEmail("promoted");
  await users.goto();
  await users.createUser({
    email,
    firstName: "Pia",
    lastName: "Promoted",
    role: "Employee",
    password: "copper-meadow-tangent-17",
  });

  await users.changeRole(email, "Team lead");
  await expect(users.roleSelect(email)).toHaveValue("TEAM_LEAD");
  await page.reload();
  await expect(users.roleSelect(email)).toHaveValue("TEAM_LEAD");
});

test("the admin's own row cannot be demoted or deactivated", async ({ page }) => {
  const users = new UsersPage(page);
  await users.goto();
  const own = users.row("admin@nextgenai.com");
  await expect(own.getByLabel("Role for admin@nextgenai.com")).toBeDisabled();
  await expect(own.getByRole("button", { name: "Save role for admin@nextgenai.com" })).toBeDisabled();
  await expect(own.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
  await expect(own).toContainText("This is you: another admin can change your account.");
});
