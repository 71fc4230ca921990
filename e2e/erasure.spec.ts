import { expect, test } from "@playwright/test";
import { DashboardShell } from "./pages/dashboard-shell";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";
import { completeInterviewByApi } from "./support/candidate-api";

// A candidate's right to erasure, end to end: with a completed interview they open their link (the status page with
// their receipt), ask for their recordings to be deleted, HR carries it out from the dashboard after confirming, and
// the link then shows only that their data was deleted.

test.use({ storageState: SIGNED_OUT });

test("a candidate asks for deletion, HR erases from the dashboard, and the link shows only the deletion notice", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const name = `Casey Erasure ${stamp}`;
  const email = `casey-${stamp}@example.org`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title: `Erasure screen ${stamp}`,
      status: "active",
      practice_question: false,
      questions: [{ text: "Why this role?", time_limit_seconds: 60 }],
    },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;
  const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, {
    headers,
    data: { candidate_name: name, candidate_email: email },
  });
  expect(minted.status()).toBe(201);
  const link = new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname;
  await completeInterviewByApi(request, link);

  await test.step("the candidate's link is a status page; they ask for deletion after confirming", async () => {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "You have completed this interview" })).toBeVisible();
    const status = page.getByRole("region", { name: "Your invitation" });
    await expect(status.getByText("Attempts used")).toBeVisible();
    await expect(status.getByRole("heading", { name: "Your receipt" })).toBeVisible();
    await expect(page.getByText(`Hello ${name},`)).toBeVisible();
    const recordings = page.getByRole("region", { name: "Your recordings" });
    await recordings.getByRole("button", { name: "Ask the company to delete my recordings" }).click();
    const dialog = page.getByRole("dialog", { name: "Ask for your recordings to be deleted?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Send the request" }).click();
    await expect(recordings.getByRole("status")).toContainText("You asked");
    await page.reload();
    await expect(page.getByRole("region", { name: "Your recordings" })).toContainText("You asked");
  });

  await test.step("HR finds the request under Erasure requests and erases after confirming", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await new DashboardShell(page).navLink("Erasure requests").click();
    await expect(page.getByRole("heading", { name: "Erasure requests", level: 1 })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row.getByText("Pending")).toBeVisible();
    await row.getByRole("button", { name: `Erase now the data of ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Erase the data of ${name}?` });
    await expect(dialog).toContainText("This cannot be undone.");
    await dialog.getByRole("button", { name: "Erase for good" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Erased: 1 recording of 1 attempt deleted");
    await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
    const erased = page.getByRole("row").filter({ hasText: `Erasure screen ${stamp}` });
    await expect(erased).toContainText("Erased");
    await expect(erased).toContainText("1 recording");
  });

  await test.step("the interview's invite row says Erased", async () => {
    await page.goto(`/dashboard/interviews/${interviewId}`);
    const invites = page.getByRole("region", { name: "Candidate invites" });
    await expect(invites.getByText("Erased", { exact: true })).toBeVisible();
    await expect(invites).not.toContainText(email);
  });

  await test.step("the candidate's link shows only the deletion notice", async () => {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Your data was deleted" })).toBeVisible();
    await expect(page.getByText("Your data was deleted on")).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(name);
    await expect(page.getByRole("heading", { name: "Your receipt" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Ask the company to delete my recordings" })).toHaveCount(0);
  });
});
