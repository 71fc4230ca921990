import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { SIGNED_OUT } from "./support/accounts";

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("/login has no serious accessibility violations", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

// As the admin, who sees the most controls on each page.
for (const [path, heading] of [
  ["/dashboard", "Welcome, Ada"],
  ["/dashboard/users", "Users"],
  ["/dashboard/audit", "Audit log"],
  ["/dashboard/jobs", "Failed jobs"],
  ["/dashboard/erasure", "Erasure requests"],
  ["/dashboard/settings", "Settings"],
  ["/dashboard/account/password", "Change password"],
  ["/dashboard/account/sessions", "Your sessions"],
  ["/dashboard/account/security", "Two-factor sign-in"],
] as const) {
  test(`${path} has no serious accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
