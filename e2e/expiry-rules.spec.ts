import { expect, test } from "@playwright/test";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { DashboardShell } from "./pages/dashboard-shell";
import { InterviewPage } from "./pages/interview-page";
import { SIGNED_OUT } from "./support/accounts";
import { seriousViolations } from "./support/axe";
import { interviewWithInvite } from "./support/api";

// Expiry rules from the dashboard: the company's holidays are kept under Settings, an invite is minted to expire after
// N business days or at the end of a day in a chosen zone, and the rule shows in words beside the instant, on the
// invite row and on the candidate's page.

// A calendar date `days` ahead (the form's <input type=date> value).
const dateAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("the admin keeps company holidays under Settings, adding and removing a date after confirming", async ({
  page,
}) => {
  await page.goto("/dashboard");
  await new DashboardShell(page).navLink("Settings").click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const table = page.getByRole("table", { name: "Company holidays, earliest first" });

  const date = "2031-12-26";
  await page.getByLabel("Holiday date").fill(date);
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${date}` })).toBeVisible();
  const row = table.getByRole("row").filter({ has: page.locator(`time[datetime="${date}"]`) });
  await expect(row).toHaveCount(1);

  await row.getByRole("button", { name: /^Remove/ }).click();
  const confirm = page.getByRole("dialog", { name: /^Remove/ });
  await confirm.getByRole("button", { name: "Remove holiday" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Removed ${date}` })).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("an invite minted to expire after business days, or at the end of a day in a zone, says so in words", async ({
  page,
  browser,
  request,
}) => {
  const title = `Expiry rules ${Date.now()}`;
  const { interviewId } = await interviewWithInvite(request, {
    title,
    questions: [{ text: "Tell us about a project", time_limit_seconds: 60 }],
  });
  const interview = new InterviewPage(page);
  await interview.goto(`/dashboard/interviews/${interviewId}`, title);

  const open = async (name: string, email: string) => {
    await page.getByRole("button", { name: "Mint invite" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a candidate" });
    await dialog.getByLabel("Candidate name").fill(name);
    await dialog.getByLabel("Candidate email").fill(email);
    return dialog;
  };

  // An unknown zone is refused beside the field, and nothing is created.
  let dialog = await open("Bea Business", "bea.business@example.com");
  await dialog.getByLabel("Expires", { exact: true }).selectOption("business_days");
  await dialog.getByLabel("Business days").fill("2");
  await dialog.getByLabel("Time zone").fill("Europe/Nowhere");
  await dialog.getByRole("button", { name: "Create invite" }).click();
  await expect(dialog.getByText(/is not an IANA time zone/).first()).toBeVisible();
  await dialog.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(
    dialog.getByText("2 business days, skipping weekends and company holidays (Europe/Berlin)"),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Create invite" }).click();
  await expect(dialog).toContainText("will not be shown again");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(interview.inviteRow("bea.business@example.com")).toContainText(
    "2 business days, skipping weekends and company holidays (Europe/Berlin)",
  );

  const day = dateAhead(10);
  dialog = await open("Eli Endofday", "eli.endofday@example.com");
  await dialog.getByLabel("Expires", { exact: true }).selectOption("end_of_day");
  await dialog.getByLabel("Last day").fill(day);
  await dialog.getByLabel("Time zone").fill("America/New_York");
  await dialog.getByRole("button", { name: "Create invite" }).click();
  await expect(dialog).toContainText("will not be shown again");
  const link = await dialog.getByLabel("Interview link").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(interview.inviteRow("eli.endofday@example.com")).toContainText(/End of \w+day .*, America\/New_York/);

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const candidate = await context.newPage();
  await new CandidateLandingPage(candidate).goto(new URL(link).pathname, title);
  await expect(candidate.getByRole("main")).toContainText(/23:59 \(America\/New_York\)/);
  await expect(candidate.getByRole("main")).toContainText(/End of \w+day .*, America\/New_York/);
  await context.close();
});
