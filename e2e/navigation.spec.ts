import { expect, test } from "@playwright/test";
import { DashboardShell } from "./pages/dashboard-shell";

// As the admin (saved state).
test("a signed-in person who opens /login goes straight to the dashboard", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("the side navigation marks the section you are in", async ({ page }) => {
  const shell = new DashboardShell(page);
  await page.goto("/dashboard");
  await shell.navLink("Users").click();
  await expect(page).toHaveURL(/\/dashboard\/users$/);
  await expect(shell.navLink("Users")).toHaveAttribute("aria-current", "page");
  await expect(shell.navLink("Overview")).not.toHaveAttribute("aria-current", "page");
});

test("an unknown address shows the not-found page with a way back", async ({ page }) => {
  const response = await page.goto("/dashboard/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(new DashboardShell(page).heading).toHaveText("Welcome, Ada");
});
