import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";
import { SIGNED_OUT, uniqueEmail } from "./support/accounts";
import { hrToken } from "./support/api";

// Runs as the admin (saved state), who creates a new person (so no shared demo account gets two-factor). The person
// sets up two-factor on their security page, reading the key from the page and computing codes here with otpauth,
// signs out, signs in with password then code; the admin resets it from the users page and the person signs in with
// the password alone again.

/** The code for `offsetSteps` 30-second steps from now (the server accepts ±1 step, and each step only once). */
const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a person enrols, signs in with a code, and an admin resets it", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const person = {
    email: uniqueEmail("two-factor"),
    firstName: "Toto",
    lastName: "Factor",
    role: "Employee",
    password: "copper-lantern-meadow-71",
  };
  const users = new UsersPage(page);
  await users.goto();
  await users.createUser(person);
  const email = person.email.toLowerCase();

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const tab = await context.newPage();
  const login = new LoginPage(tab);
  await login.goto();
  await login.signInAndWait(email, person.password);

  // Enrol: the QR code and the key are shown; one code confirms; ten recovery codes are shown once.
  await tab.getByRole("link", { name: "Two-factor sign-in" }).click();
  await expect(tab.getByRole("heading", { name: "Two-factor sign-in", level: 1 })).toBeVisible();
  await tab.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(tab.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await tab.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await tab.getByLabel("Code from your app").fill("000000" === codeFor(secret) ? "000001" : "000000");
  await tab.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(tab.getByRole("main").getByRole("alert")).toContainText("That code is not right");
  await tab.getByLabel("Code from your app").fill(codeFor(secret));
  await tab.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const codes = tab.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(tab.getByRole("heading", { name: "Two-factor sign-in is on" })).toBeVisible();
  // Shown once: a reload shows the status, not the codes.
  await tab.reload();
  await expect(tab.getByRole("heading", { name: "Two-factor sign-in is on" })).toBeVisible();
  await expect(tab.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

  // Sign out; sign in: the password alone asks for the code.
  await signOut(tab);
  await login.signIn(email, person.password);
  await expect(login.error).toHaveText("Enter the code from your authenticator app.");
  const codeField = tab.getByLabel("Two-factor code");
  await expect(codeField).toBeVisible();
  await expect(login.email).toHaveValue(email);
  // A wrong code is refused, and the form keeps asking.
  await codeField.fill("12345x");
  await login.submit.click();
  await expect(login.error).toHaveText("That code is not right, or was already used. Try the next code.");
  // The next step's code: the one used to enrol may still be current, and a code is accepted once.
  await tab.getByLabel("Two-factor code").fill(codeFor(secret, 1));
  await login.submit.click();
  await expect(tab).toHaveURL(/\/dashboard$/);

  // The admin resets it from the users page (the list is in creation order, 20 a page).
  const listed = await request.get("/api/v1/users?limit=100", {
    headers: { authorization: `Bearer ${await hrToken(request)}` },
  });
  const everyone = (await listed.json()) as { email: string }[];
  const index = everyone.findIndex((u) => u.email === email);
  expect(index).toBeGreaterThanOrEqual(0);
  await page.goto(`/dashboard/users?page=${Math.floor(index / 20) + 1}`);
  const row = users.row(email);
  await row.getByRole("button", { name: `Reset two-factor of ${email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reset two-factor sign-in of ${email}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole("status").filter({ hasText: "Two-factor sign-in was reset" })).toBeVisible();

  // The password alone signs in again.
  await signOut(tab);
  await login.signInAndWait(email, person.password);
  await context.close();
});
