import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startTestIdp, type TestIdp } from "../test/oidc-provider";
import { AuditPage } from "./pages/audit-page";
import { LoginPage } from "./pages/login-page";
import { SsoSettingsPage } from "./pages/sso-settings-page";
import { UsersPage } from "./pages/users-page";
import { DEMO_PASSWORD, SIGNED_OUT } from "./support/accounts";
import { seriousViolations } from "./support/axe";

// Single sign-on for one company, through a real OpenID provider (test/oidc-provider.ts) that this worker runs on
// 127.0.0.1 (the e2e server's LOCAL_DEMO allows plain http there). Globex's admin sets it up from the settings page,
// people sign in with "Sign in with your company" on the login page and the provider's own sign-in page, and the
// refusals come back to the login page as sentences. Globex only (its one seeded user is admin@globex.com), so the
// specs that run beside this one on NextGen are untouched; admin@globex.com stays the break-glass admin whenever
// single sign-on is required, and afterAll leaves Globex without a provider again.

test.describe.configure({ mode: "serial" });
test.use({ storageState: SIGNED_OUT });

const GLOBEX_ADMIN = "admin@globex.com";
const SSO_PAGE_TIMEOUT = 120_000; // several browsers, each with a production build's first page loads and a provider

// The login page's sentences (lib/auth/sso/login-errors.ts, lib/auth/login.ts).
const NO_ACCOUNT = "There is no account for this address yet. Ask your administrator to invite you.";
const OUTSIDE_DOMAINS = "Your company's sign-in does not cover this email address.";
const SSO_FAILED = "Sign-in with your company failed. Try again, or ask your administrator.";
const SSO_REQUIRED =
  'Your company requires single sign-on: use "Sign in with your company". Password sign-in is off for this account.';

/** Unique per run, so a reused server (a second run against the same database) starts from nothing. */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const sam = { sub: `sso-sam-${run}`, email: `sam-${run}@globex.com` };
const pat = { email: `pat-${run}@globex.com`, password: "harbour-violet-lantern-93" };

let idp: TestIdp | undefined;
let admin: { context: BrowserContext; page: Page } | undefined;

async function signInAsGlobexAdmin(browser: Browser) {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(GLOBEX_ADMIN, DEMO_PASSWORD);
  return { context, page };
}

/** What the main content says in an alert region (the login form's and the company form's), ignoring empty ones. */
const alertIn = (page: Page) => page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ });

/**
 * A fresh browser (so the provider has no session of its own yet) types `typedEmail` on the login page, uses "Sign in
 * with your company", and signs in at the provider as `sub`. Returns the page where the app lands.
 */
async function signInWithCompany(browser: Browser, typedEmail: string, sub: string) {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.email.fill(typedEmail);
  await expect(login.companyButton).toBeVisible();
  await login.companyButton.click();
  // The provider's own sign-in page.
  const account = page.getByLabel("Account");
  await expect(account).toBeVisible();
  expect(new URL(page.url()).origin).toBe(idp!.issuer);
  await account.fill(sub);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Through the provider's redirects and the app's callback, back to the app.
  await page.waitForURL((url) => url.origin !== idp!.issuer);
  return { context, page };
}

/** Lands back on the login page with `error=<code>` and its sentence, and no session. */
async function expectRefused(page: Page, code: string, sentence: string) {
  await expect(page).toHaveURL(new RegExp(`/login\\?error=${code}$`));
  await expect(alertIn(page)).toHaveText(sentence);
  // Not signed in: the dashboard sends the browser back to the login page.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  admin = await signInAsGlobexAdmin(browser);
  const settings = new SsoSettingsPage(admin.page);
  await settings.goto();
  const redirectUri = await settings.redirectUri.inputValue();
  expect(redirectUri).toMatch(/^http:\/\/localhost:\d+\/api\/auth\/callback\/sso-[0-9a-f-]{36}$/);
  expect(await seriousViolations(admin.page)).toEqual([]);

  idp = await startTestIdp({ redirectUris: [redirectUri] });
  idp.accounts.set(sam.sub, { email: sam.email, email_verified: true, given_name: "Sam", family_name: "Single" });
  const said = await settings.saveProvider({
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    domains: ["globex.com"],
    enabled: true,
    jit: false,
  });
  // "set up" on a fresh database; "saved" when an earlier run against the same server left a provider.
  expect(said).toMatch(
    /^(Single sign-on is set up and on\. Register the redirect URI above with your provider if you have not yet\.|Single sign-on settings saved; sign-in with your company is on\.)$/,
  );
  // The stored values are shown again (the issuer as the provider spells it), and the secret is not.
  await expect(settings.provider.getByLabel("Issuer URL")).toHaveValue(idp.issuer);
  await expect(settings.provider.getByLabel("Client secret")).toHaveValue("");
  await expect(settings.provider.getByLabel("Create accounts on first sign-in", { exact: false })).not.toBeChecked();
  // With a provider, the requirement section appears; the page stays accessible.
  await expect(settings.requirement).toBeVisible();
  expect(await seriousViolations(admin.page)).toEqual([]);
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  try {
    // Whatever happened above: Globex leaves with password sign-in for everyone and no provider. A fresh sign-in
    // (the break-glass admin's password always works), so a broken page from a failed test does not matter.
    await admin?.context.close().catch(() => undefined);
    const cleanup = await signInAsGlobexAdmin(browser);
    const settings = new SsoSettingsPage(cleanup.page);
    await settings.goto();
    const required = settings.requirement.getByLabel("Require single sign-on", { exact: true });
    if ((await required.count()) > 0 && (await required.isChecked())) {
      expect(await settings.setRequired(false)).toMatch(/^Single sign-on (is no longer|was already) /);
    }
    await settings.remove();
    await expect(cleanup.page.getByText("Single sign-on is not set up", { exact: false })).toBeVisible();
    await cleanup.context.close();
  } finally {
    await idp?.close();
  }
});

test("the login page offers company sign-in for the company's domain only; JIT off refuses an unknown address", async ({
  browser,
  page,
}) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  const login = new LoginPage(page);
  await login.goto();
  // A NextGen address (no provider): the lookup answers no and nothing is offered.
  const lookup = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await login.email.fill("hr@nextgenai.com");
  await lookup;
  await page.waitForTimeout(500); // the answer's body arrives and React renders it
  await expect(login.companyButton).toHaveCount(0);
  // A Globex address: offered, beside the password form (which stays, for the break-glass admin).
  await login.email.fill(`someone-${run}@globex.com`);
  await expect(login.companyButton).toBeVisible();
  await expect(login.password).toBeVisible();
  await expect(login.submit).toBeVisible();
  // Back to a NextGen address: the offer goes at once.
  await login.email.fill("employee@nextgenai.com");
  await expect(login.companyButton).toHaveCount(0);

  // Sam has no account and just-in-time accounts are off: refused, and told why.
  const attempt = await signInWithCompany(browser, sam.email, sam.sub);
  await expectRefused(attempt.page, "sso_no_account", NO_ACCOUNT);
  await attempt.context.close();
});

test("with just-in-time accounts on, the first sign-in creates an Employee; users and audit show it", async ({
  browser,
}) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  const settings = new SsoSettingsPage(admin!.page);
  await settings.goto();
  // The secret is stored: left empty, it is kept.
  expect(
    await settings.saveProvider({ issuer: idp!.issuer, clientId: idp!.clientId, domains: ["globex.com"], jit: true }),
  ).toBe("Single sign-on settings saved; sign-in with your company is on.");
  // Shown as saved at once (the form is not reset to its first render's defaults), and so stored.
  const jit = settings.provider.getByLabel("Create accounts on first sign-in", { exact: false });
  await expect(jit).toBeChecked();
  await settings.goto();
  await expect(jit, "stored").toBeChecked();

  const attempt = await signInWithCompany(browser, sam.email, sam.sub);
  await expect(attempt.page).toHaveURL(/\/dashboard$/);
  await expect(attempt.page.getByRole("main").getByRole("heading", { level: 1 })).toHaveText("Welcome, Sam");
  await attempt.context.close();

  // The admin sees the new person, an Employee.
  const users = new UsersPage(admin!.page);
  await users.goto();
  await expect(users.row(sam.email)).toContainText("Sam Single");
  await expect(users.roleSelect(sam.email)).toHaveValue("EMPLOYEE");
  await expect(users.roleSelect(sam.email).locator("option:checked")).toHaveText("Employee");

  // The audit log: the account's creation by SSO, and the sign-in on the SSO channel.
  const audit = new AuditPage(admin!.page);
  await audit.goto();
  await audit.filterByAction("USER_CREATED");
  const created = audit.entries().filter({ hasText: sam.email });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('"via":"sso_jit"');
  await expect(created).toContainText('"role":"EMPLOYEE"');
  await audit.filterByAction("LOGIN");
  const signedIn = audit.entries().filter({ hasText: sam.email });
  await expect(signedIn).toHaveCount(1);
  await expect(signedIn).toContainText('"channel":"sso"');
});

test("an address outside the company's domains is refused", async ({ browser }) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  const eve = `sso-eve-${run}`;
  idp!.accounts.set(eve, { email: `eve-${run}@evil.test`, email_verified: true });
  const attempt = await signInWithCompany(browser, `someone-${run}@globex.com`, eve);
  await expectRefused(attempt.page, "sso_domain", OUTSIDE_DOMAINS);
  await attempt.context.close();
});

test("an expired ID token (re-signed by the provider) is refused with the general sentence", async ({ browser }) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  const before = idp!.hooks.tokenResponses;
  idp!.hooks.tamper = (claims) => ({
    ...claims,
    exp: Math.floor(Date.now() / 1000) - 120,
    iat: Math.floor(Date.now() / 1000) - 3600,
  });
  try {
    const attempt = await signInWithCompany(browser, sam.email, sam.sub);
    // Auth.js refuses the token itself (Configuration); the page says the general sentence, never the code.
    await expectRefused(attempt.page, "Configuration", SSO_FAILED);
    await attempt.context.close();
  } finally {
    idp!.hooks.tamper = undefined;
  }
  expect(idp!.hooks.tokenResponses, "the provider really issued the token").toBe(before + 1);
});

test("required single sign-on refuses password sign-in except to the break-glass admin", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(SSO_PAGE_TIMEOUT);
  // A password user of Globex, created before single sign-on is required.
  const users = new UsersPage(admin!.page);
  await users.goto();
  await users.createUser({
    email: pat.email,
    firstName: "Pat",
    lastName: "Password",
    role: "HR",
    password: pat.password,
  });

  const settings = new SsoSettingsPage(admin!.page);
  await settings.goto();
  expect(await settings.setRequired(true, GLOBEX_ADMIN)).toMatch(
    /^Single sign-on is now required\. \d+ password sessions? (was|were) signed out\.$/,
  );
  await expect(settings.requirement.getByLabel("Require single sign-on", { exact: true })).toBeChecked();
  await expect(settings.requirement.getByLabel("Break-glass admin").locator("option:checked")).toContainText(
    GLOBEX_ADMIN,
  );
  try {
    // Pat's right password: refused with the requirement, and the company button is offered instead.
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    const tab = await context.newPage();
    const login = new LoginPage(tab);
    await login.goto();
    await login.signIn(pat.email, pat.password);
    await expect(alertIn(tab)).toHaveText(SSO_REQUIRED);
    await expect(tab).toHaveURL(/\/login/);
    await expect(login.companyButton).toBeVisible();
    await context.close();

    // The JSON API says the same, with its code; the break-glass admin still signs in with the password.
    const api = await playwright.request.newContext({ baseURL });
    const refused = await api.post("/api/v1/auth/login", { data: { email: pat.email, password: pat.password } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "sso_required" });
    const breakGlass = await api.post("/api/v1/auth/login", { data: { email: GLOBEX_ADMIN, password: DEMO_PASSWORD } });
    expect(breakGlass.status()).toBe(200);
    await api.dispose();
    // And on the login page.
    const adminAgain = await signInAsGlobexAdmin(browser);
    await adminAgain.context.close();
  } finally {
    await settings.goto();
    expect(await settings.setRequired(false)).toBe(
      "Single sign-on is no longer required: password sign-in is allowed again.",
    );
  }
});
