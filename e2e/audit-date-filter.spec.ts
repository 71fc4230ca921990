import { expect, test } from "@playwright/test";
import { AuditPage } from "./pages/audit-page";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";

// UTC+14: "today" here is usually a different calendar day than in UTC, so a conversion done on the server (or in
// UTC) would pick the wrong instants.
test.use({ storageState: SIGNED_OUT, timezoneId: "Pacific/Kiritimati" });

test("date filters are the viewer's calendar days, sent as local-midnight instants", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  const audit = new AuditPage(page);
  await audit.goto();

  const { today, yesterday, todayStartIso, tomorrowStartIso } = await page.evaluate(() => {
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const before = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    return {
      today: day(now),
      yesterday: day(before),
      todayStartIso: midnight.toISOString(),
      tomorrowStartIso: tomorrow.toISOString(),
    };
  });
  await expect(audit.filters).toContainText("Pacific/Kiritimati");

  await audit.filters.getByLabel("From").fill(today);
  await audit.filters.getByLabel("To").fill(today);
  await audit.filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("from") === todayStartIso && url.searchParams.get("to") === tomorrowStartIso,
  );
  await expect(audit.entries().filter({ hasText: ACCOUNTS.hr.email }).first()).toBeVisible();
  await expect(audit.filters.getByLabel("From")).toHaveValue(today);
  await expect(audit.filters.getByLabel("To")).toHaveValue(today);

  await audit.filters.getByLabel("From").fill(yesterday);
  await audit.filters.getByLabel("To").fill(yesterday);
  await audit.filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(audit.table).toContainText("No audit entries match these filters");

  await audit.filters.getByLabel("To").fill("2000-01-01");
  await audit.filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(audit.filters.getByLabel("To")).toHaveAccessibleDescription(
    "The end date must be on or after the start date",
  );
});
