import { expect, test } from "@playwright/test";
import { DashboardShell } from "./pages/dashboard-shell";
import { LoginPage } from "./pages/login-page";
import { SIGNED_OUT } from "./support/accounts";

// Signs in as the team lead so that signing out does not end the admin session other specs share.
test.use({ storageState: SIGNED_OUT });

test("signing out ends the session: the dashboard sends you back to sign in", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait("lead@nextgenai.com");

  await new DashboardShell(page).signOut();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a copied session cookie dies with sign-out, even through Auth.js's own endpoint", async ({ browser, page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait("lead@nextgenai.com");
  const stolen = await page.context().cookies();

  // Sign out with Auth.js's endpoint directly (CSRF token and all), not the dashboard's button.
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken, callbackUrl: "/login" } });

  const replay = await browser.newContext({ storageState: { cookies: stolen, origins: [] } });
  const replayed = await replay.newPage();
  await replayed.goto("/dashboard");
  await expect(replayed).toHaveURL(/\/login/);
  await replay.close();
});
