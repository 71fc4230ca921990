import { expect, test } from "@playwright/test";
import { DashboardShell } from "./pages/dashboard-shell";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT, uniqueEmail } from "./support/accounts";

const LOGIN_FAILURES_ALLOWED = 5; // per email and client address per minute (lib/auth/login-throttle.ts)

test.use({ storageState: SIGNED_OUT });

test("the admin signs in and sees the dashboard with every section", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.admin.email);

  const shell = new DashboardShell(page);
  await expect(shell.heading).toHaveText(`Welcome, ${ACCOUNTS.admin.firstName}`);
  await shell.expectNav(["Overview", "Users", "Audit log"]);
  await expect(shell.navLink("Overview")).toHaveAttribute("aria-current", "page");
});

test("a wrong password is refused inline and keeps the email", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ACCOUNTS.admin.email, "not-the-right-password");

  await expect(login.error).toHaveText("Invalid email or password");
  await expect(page).toHaveURL(/\/login/);
  await expect(login.email).toHaveValue(ACCOUNTS.admin.email);
});

test("a visitor sent to sign in returns to the page they asked for", async ({ page }) => {
  await page.goto("/dashboard/audit");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard%2Faudit$/);

  await new LoginPage(page).signInAndWait(ACCOUNTS.hr.email, undefined, /\/dashboard\/audit$/);
  await expect(new DashboardShell(page).navLink("Audit log")).toHaveAttribute("aria-current", "page");
});

test("a callbackUrl pointing at another site is ignored", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto("//evil.example/phish");
  await login.signInAndWait(ACCOUNTS.employee.email);
});

test("repeated failures are throttled with the wait shown", async ({ page }) => {
  const login = new LoginPage(page);
  const email = uniqueEmail("guesser");
  await login.goto();
  for (let attempt = 1; attempt <= LOGIN_FAILURES_ALLOWED; attempt++) {
    await login.signIn(email, `wrong-guess-${attempt}`);
    // React clears the password once the server has answered: only then is the next attempt typed.
    await expect(login.password).toHaveValue("");
    await expect(login.error).toHaveText("Invalid email or password");
  }
  await login.signIn(email, "one-guess-too-many");
  await expect(login.error).toHaveText(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
});
