import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";
import { SIGNED_OUT, uniqueEmail } from "./support/accounts";

// Runs as the admin (saved state), who creates a person; that person is signed in on two browsers and changes their
// password on one: the other is signed out, the one they used stays, and the new password is the one that works.
test("changing the password keeps this session and signs out the other browser", async ({ page, browser }) => {
  test.setTimeout(90_000); // three form sign-ins
  const person = {
    email: uniqueEmail("rotating"),
    firstName: "Rita",
    lastName: "Rotate",
    role: "Employee",
    password: "violet-harbour-lantern-42",
  };
  const newPassword = "copper-meadow-signal-77";
  const users = new UsersPage(page);
  await users.goto();
  await users.createUser(person);

  const signedIn = async () => {
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    const tab = await context.newPage();
    const login = new LoginPage(tab);
    await login.goto();
    await login.signInAndWait(person.email, person.password);
    return { context, tab };
  };
  const laptop = await signedIn();
  const phone = await signedIn();

  await test.step("a wrong current password is refused on its field", async () => {
    await laptop.tab.getByRole("link", { name: "Change password" }).click();
    await expect(laptop.tab.getByRole("heading", { name: "Change password", level: 1 })).toBeVisible();
    await laptop.tab.getByLabel("Current password", { exact: true }).fill("not my password at all");
    await laptop.tab.getByLabel("New password", { exact: true }).fill(newPassword);
    await laptop.tab.getByLabel("Repeat the new password").fill(newPassword);
    await laptop.tab.getByRole("button", { name: "Change password" }).click();
    await expect(laptop.tab.getByRole("region", { name: "Change password" }).getByRole("alert")).toContainText(
      "The current password is not right",
    );
    await expect(laptop.tab.getByLabel("Current password", { exact: true })).toHaveAccessibleDescription(
      /The current password is not right/,
    );
    await expect(laptop.tab.getByLabel("New password", { exact: true })).toHaveValue(newPassword);
  });

  await test.step("the right one changes it, and says the other session was signed out", async () => {
    await laptop.tab.getByLabel("Current password", { exact: true }).fill(person.password);
    await laptop.tab.getByRole("button", { name: "Change password" }).click();
    await expect(laptop.tab.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  });

  await test.step("the other browser lands on the login page; this one stays signed in", async () => {
    await phone.tab.goto("/dashboard");
    await expect(phone.tab).toHaveURL(/\/login/);
    await laptop.tab.goto("/dashboard");
    await expect(laptop.tab.getByRole("heading", { name: "Welcome, Rita" })).toBeVisible();
  });

  await test.step("the old password no longer signs in; the new one does", async () => {
    const login = new LoginPage(phone.tab);
    await login.signIn(person.email, person.password);
    await expect(login.error).toHaveText("Invalid email or password");
    await login.signInAndWait(person.email, newPassword);
  });
  await laptop.context.close();
  await phone.context.close();
});
