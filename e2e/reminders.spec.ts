import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { hrToken } from "./support/api";

// The interview's reminder setting in the dashboard form (inline error, then saved), and the public stop-reminders
// page, which changes nothing on a visit and says so plainly for a link it cannot match.

test("an interview's reminder hours are edited in the form, with a clear inline message for a bad entry", async ({
  page,
  request,
}) => {
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: { title: `Reminders ${Date.now()}`, status: "active", questions: [{ text: "Why this role?" }] },
  });
  expect(created.status()).toBe(201);
  const interview = (await created.json()) as { id: string; reminder_offsets_hours: number[] };
  expect(interview.reminder_offsets_hours).toEqual([24]);

  await page.goto(`/dashboard/interviews/${interview.id}/edit`);
  const hours = page.getByLabel("Remind before expiry (hours)");
  await expect(hours).toHaveValue("24");
  await hours.fill("48, soon");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter up to 5 different whole numbers of hours from 1 to 720")).toBeVisible();

  await hours.fill("24, 48");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/interviews/${interview.id}$`));
  await expect(page.getByText("48 h, 24 h before expiry")).toBeVisible();
  const read = await request.get(`/api/interviewer/interviews/${interview.id}`, { headers });
  expect(((await read.json()) as { reminder_offsets_hours: number[] }).reminder_offsets_hours).toEqual([48, 24]);
  await page.goto(`/dashboard/interviews/${interview.id}/edit`);
  await expect(page.getByLabel("Remind before expiry (hours)")).toHaveValue("48, 24");
});

test("the stop-reminders page answers a link it cannot match without changing anything", async ({ page }) => {
  await page.goto("/reminders/unsubscribe?t=00000000-0000-4000-8000-000000000000.forged");
  await expect(page.getByRole("heading", { name: "We couldn't find these reminders" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop reminders" })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});
