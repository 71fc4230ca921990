import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { AuditPage } from "./pages/audit-page";
import { LoginPage } from "./pages/login-page";
import { OutboxPage } from "./pages/outbox-page";
import { SessionsPage } from "./pages/sessions-page";
import { UsersPage } from "./pages/users-page";
import { DEMO_PASSWORD, SIGNED_OUT, uniqueEmail } from "./support/accounts";
import { hrToken } from "./support/api";

// Runs as the admin (saved state). A new person signs in on two browsers ("laptop" and "phone") and with an API
// client; they sign sessions out from "Your sessions", the admin signs them out from the users page, and the audit log
// and the outbox show what happened. The company's new-device email is on only for the sign-ins that need it.

const SDK_UA = "e2e-sdk/1.0 (sessions spec)";

async function signedInBrowser(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const tab = await context.newPage();
  const login = new LoginPage(tab);
  await login.goto();
  await login.signInAndWait(email, password);
  return { context, tab };
}

async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const response = await request.post("/api/v1/auth/login", {
    data: { email, password },
    headers: { "user-agent": SDK_UA },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const me = (request: APIRequestContext, token: string) =>
  request.get("/api/v1/users/me", { headers: { authorization: `Bearer ${token}`, "user-agent": SDK_UA } });

async function setNewDeviceEmail(page: import("@playwright/test").Page, on: boolean) {
  await page.goto("/dashboard/settings");
  const section = page.getByRole("region", { name: "Sign-in alerts" });
  const box = section.getByLabel("Email people when they sign in from a new device");
  await box.setChecked(on);
  await section.getByRole("button", { name: "Save alert setting" }).click();
  await expect(section.getByRole("status")).toHaveText(
    new RegExp(`New-device sign-in emails (are now|were already) ${on ? "on" : "off"}\\.`),
  );
}

test("a person signs out one session and all others, and an admin signs out the rest; all audited", async ({
  page,
  browser,
  playwright,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000); // four form sign-ins and a production build's first page loads
  const person = {
    email: uniqueEmail("sessions"),
    firstName: "Sasha",
    lastName: "Sessions",
    role: "Employee",
    password: "amber-orchard-compass-58",
  };
  const users = new UsersPage(page);
  await users.goto();
  await users.createUser(person);
  // The person's id, and the page of the users list they are on (the list is in creation order, 20 a page).
  const listed = await request.get("/api/v1/users?limit=100", {
    headers: { authorization: `Bearer ${await hrToken(request)}` },
  });
  const everyone = (await listed.json()) as { id: string; email: string }[];
  const index = everyone.findIndex((u) => u.email === person.email.toLowerCase());
  expect(index).toBeGreaterThanOrEqual(0);
  const personId = everyone[index]!.id;
  const usersPage = Math.floor(index / 20) + 1;

  const laptop = await signedInBrowser(browser, person.email, person.password);
  const phone = await signedInBrowser(browser, person.email, person.password);
  const api = await playwright.request.newContext({ baseURL });
  let apiToken = "";

  await test.step("an API sign-in from a new kind of client is audited and emailed, as the admin asked", async () => {
    await setNewDeviceEmail(page, true);
    try {
      apiToken = await apiSignIn(api, person.email, person.password);
    } finally {
      await setNewDeviceEmail(page, false);
    }
    const outbox = new OutboxPage(page);
    await outbox.goto();
    await expect(outbox.rowTo(person.email)).toContainText("New sign-in to your AI Interviewer account");
    const body = await outbox.openMessageTo(person.email);
    expect(body).toContain(`Device: ${SDK_UA}`);
    expect(body).toContain("Signed in to: the API");
    expect(body).toContain("/dashboard/account/sessions");

    const audit = new AuditPage(page);
    await audit.goto();
    await audit.filterByAction("NEW_DEVICE_SIGN_IN");
    const rows = audit.entries().filter({ hasText: person.email });
    await expect(rows).toHaveCount(1); // the two browser sign-ins were the first device, not a new one
    await expect(rows.first()).toContainText(`"device":"${SDK_UA}"`);
  });

  const mine = new SessionsPage(laptop.tab);
  await test.step("the header links to the sessions page, which lists all three and marks this device", async () => {
    await laptop.tab.getByRole("link", { name: "Your sessions" }).click();
    await expect(mine.heading).toBeVisible();
    await expect(mine.rows()).toHaveCount(3);
    await expect(mine.currentRow()).toHaveCount(1);
    await expect(mine.currentRow()).toContainText("Dashboard");
    const apiRow = mine.rows().filter({ hasText: SDK_UA });
    await expect(apiRow).toContainText("API");
    await expect(apiRow.getByRole("cell").nth(2).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  });

  await test.step("cancelling asks again next time and signs nothing out (keyboard only)", async () => {
    const apiRow = mine.rows().filter({ hasText: SDK_UA });
    await apiRow.getByRole("button", { name: /^Sign out/ }).focus();
    await laptop.tab.keyboard.press("Enter");
    const dialog = laptop.tab.getByRole("dialog", { name: /^Sign out e2e-sdk/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await laptop.tab.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(apiRow.getByRole("button", { name: /^Sign out/ })).toBeFocused();
    await expect(mine.rows()).toHaveCount(3);
    expect((await me(api, apiToken)).status()).toBe(200);
  });

  await test.step("signing out the API session ends it at once", async () => {
    await mine.signOut(mine.rows().filter({ hasText: SDK_UA }), /^Sign out e2e-sdk/);
    await expect(mine.status).toHaveText("Session signed out.");
    await expect(mine.rows()).toHaveCount(2);
    expect((await me(api, apiToken)).status()).toBe(401);
  });

  await test.step("'all other sessions' signs the phone out and keeps this browser", async () => {
    await mine.signOutAll();
    await expect(mine.status).toHaveText("1 other session was signed out.");
    await expect(mine.rows()).toHaveCount(1);
    await expect(laptop.tab.getByRole("button", { name: "Sign out all other sessions" })).toHaveCount(0);
    await phone.tab.goto("/dashboard");
    await expect(phone.tab).toHaveURL(/\/login/);
    await laptop.tab.goto("/dashboard");
    await expect(laptop.tab.getByRole("heading", { name: "Welcome, Sasha" })).toBeVisible();
  });

  await test.step("signing out this device, after its own warning, goes to the sign-in page", async () => {
    await mine.goto();
    await mine.signOut(mine.currentRow(), "Sign out this device?");
    await expect(laptop.tab).toHaveURL(/\/login/);
    await laptop.tab.goto("/dashboard/account/sessions");
    await expect(laptop.tab).toHaveURL(/\/login/);
  });

  await test.step("the admin opens the person's sessions from the users page and signs them all out", async () => {
    const again = await signedInBrowser(browser, person.email, person.password);
    await page.goto(`/dashboard/users?page=${usersPage}`);
    await users
      .row(person.email)
      .getByRole("link", { name: `Sessions of ${person.email}` })
      .click();
    const theirs = new SessionsPage(page, { self: false, email: person.email });
    await expect(theirs.heading).toBeVisible();
    await expect(theirs.rows()).toHaveCount(1);
    await expect(theirs.currentRow()).toHaveCount(0); // not the admin's own
    await theirs.signOutAll();
    await expect(theirs.status).toHaveText("1 session was signed out.");
    await expect(theirs.rows()).toHaveCount(1);
    await expect(theirs.rows().first()).toContainText("No active sessions");
    await again.tab.reload();
    await expect(again.tab).toHaveURL(/\/login/);
    await again.context.close();
  });

  await test.step("the audit log has each sign-out, with who did it", async () => {
    const audit = new AuditPage(page);
    await audit.goto();
    await audit.filterByAction("SIGN_IN_SESSION_REVOKED");
    const forPerson = audit.entries().filter({ hasText: `"user_id":"${personId}"` });
    await expect(forPerson).toHaveCount(4);
    const bySelf = forPerson.filter({ hasText: person.email });
    await expect(bySelf).toHaveCount(3);
    await expect(bySelf.filter({ hasText: '"by":"self"' })).toHaveCount(3);
    await expect(bySelf.filter({ hasText: '"current":true' })).toHaveCount(1);
    const byAdmin = forPerson.filter({ hasText: "admin@nextgenai.com" });
    await expect(byAdmin).toHaveCount(1);
    await expect(byAdmin).toContainText('"by":"admin"');
  });

  await test.step("another company's admin gets the 404 page for this person's sessions", async () => {
    const globex = await signedInBrowser(browser, "admin@globex.com", DEMO_PASSWORD);
    const response = await globex.tab.goto(`/dashboard/users/${personId}/sessions`);
    expect(response?.status()).toBe(404);
    await expect(globex.tab.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await globex.context.close();
  });

  await laptop.context.close();
  await phone.context.close();
  await api.dispose();
});
