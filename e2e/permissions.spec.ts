import { expect, test } from "@playwright/test";
import { AuditPage } from "./pages/audit-page";
import { DashboardShell } from "./pages/dashboard-shell";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";

test.use({ storageState: SIGNED_OUT });

test("HR reads the audit log and filters it to sign-ins", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  await new DashboardShell(page).navLink("Audit log").click();

  const audit = new AuditPage(page);
  await expect(page).toHaveURL(/\/dashboard\/audit$/);
  await audit.filterByAction("LOGIN");

  const entries = audit.entries();
  await expect(entries.first()).toBeVisible();
  await expect(entries.filter({ hasText: ACCOUNTS.hr.email }).first()).toBeVisible();
  for (const row of await entries.all()) await expect(row.getByRole("cell").nth(1)).toHaveText("Login");
  await expect(audit.filters.getByLabel("Action")).toHaveValue("LOGIN");
});

test("HR sees the users table read-only", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  await page.goto("/dashboard/users");

  await expect(page.getByRole("table", { name: "Users in your company" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Create user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Deactivate|Save role/ })).toHaveCount(0);
});

test("an employee gets the 403 page for users and the audit log", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.employee.email);

  for (const path of ["/dashboard/users", "/dashboard/audit"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/dashboard");
  }
});

test("malformed audit filters are ignored rather than failing", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);

  const response = await page.goto("/dashboard/audit?page=-3&action=DROP_TABLE&user=nope&from=yesterday&to[]=x");
  expect(response?.status()).toBe(200);
  const audit = new AuditPage(page);
  await expect(audit.filters.getByLabel("Action")).toHaveValue("");
  await expect(audit.entries().first()).toBeVisible();
});
