import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";

// After signing in, a callbackUrl may only lead to a path on this site (lib/auth/safe-redirect.ts). These are sent
// raw, as an attacker's link would carry them; each resolves to "//host" in a browser.
const HOSTILE = [
  "/.//evil.example/",
  "/%2e%2e//evil.example/",
  "/a/..//evil.example/",
  "//evil.example/",
  "/%2F/evil.example/",
];

test.describe("signed in", () => {
  for (const callbackUrl of HOSTILE) {
    test(`the login page sends a signed-in user to the dashboard, not to callbackUrl=${callbackUrl}`, async ({
      request,
    }) => {
      const response = await request.get(`/login?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(response.headers().location).toBe("/dashboard");
    });
  }
});

test.describe("signing in", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a callbackUrl that resolves to another host is replaced by the dashboard", async ({ page }) => {
    await page.goto("/login?callbackUrl=/.//evil.example/");
    await new LoginPage(page).signInAndWait(ACCOUNTS.lead.email);
  });

  test("Auth.js's own endpoints refuse it too", async ({ request }) => {
    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/signout", {
      form: { csrfToken: csrf.csrfToken, callbackUrl: "/.//evil.example/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(new URL(response.headers().location!).pathname).toBe("/dashboard");
  });
});
