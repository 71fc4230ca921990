import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";

// The admin's "Maximum password age" control on the settings page: off by default with the NIST note, reachable by
// keyboard, and checked as one types. Nothing is saved: the demo company's settings are shared by every spec (the
// expiry itself is covered by lib/companies/password-age.test.ts in fresh companies).

test("the maximum password age is off by default, explains why, and checks the days as they are typed", async ({
  page,
}) => {
  await page.goto("/dashboard/settings");
  const group = page.getByRole("group", { name: "Maximum password age" });
  await expect(group).toBeVisible();
  await expect(page.getByText("NIST SP 800-63B", { exact: false })).toBeVisible();

  const off = group.getByRole("radio", { name: /^Off/ });
  const after = group.getByRole("radio", { name: "Ask for a new password after a number of days" });
  const days = group.getByRole("spinbutton", { name: "Days" });
  await expect(off).toBeChecked();
  await expect(days).toBeDisabled();

  // Keyboard only: the arrow key moves within the radio group, Tab reaches the days.
  await off.focus();
  await page.keyboard.press("ArrowDown");
  await expect(after).toBeChecked();
  await expect(days).toBeEnabled();
  await page.keyboard.press("Tab");
  await expect(days).toBeFocused();

  await page.keyboard.type("10");
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expect(group.getByText("Choose between 30 and 730 days, or turn it off")).toBeVisible();
  await days.fill("90");
  await expect(days).not.toHaveAttribute("aria-invalid", "true");
  await expect(group.getByText("Choose between 30 and 730 days, or turn it off")).toHaveCount(0);
  await days.fill("45.5");
  await expect(group.getByText("Enter a whole number of days")).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);
  // Leave without saving.
  await off.check();
  await expect(days).toBeDisabled();
});
