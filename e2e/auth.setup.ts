import { test as setup } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, ADMIN_STATE } from "./support/accounts";

// One real sign-in for the whole run; specs that act as the admin reuse its cookies.
setup("sign in as the admin", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.admin.email);
  await page.context().storageState({ path: ADMIN_STATE });
});
