import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";

test.use({ storageState: SIGNED_OUT });

test("the login page is served with a nonce CSP, and its nonce'd scripts run", async ({ page }) => {
  // Recorded from the first script on, so that a blocked script cannot hide its own violation.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });

  const response = await page.goto("/login");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("'strict-dynamic'");
  expect(nonce).toBeTruthy();

  const scriptNonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // The show/hide toggle is React state: it can only work if the hydrated scripts executed.
  const login = new LoginPage(page);
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(login.password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(login.password).toHaveAttribute("type", "password");

  await login.signInAndWait(ACCOUNTS.employee.email);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
