import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { OutboxPage } from "./pages/outbox-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";
import { completeInterviewByApi } from "./support/candidate-api";

// HR decides on a completed session from the review page: a reject needs a reason and a confirmation, the decision
// shows on the page with its history, and the candidate's decision email (the interview's template, filled in) is in
// the outbox, where the e2e server (no SMTP) keeps it.

test.use({ storageState: SIGNED_OUT });

test("HR rejects with a reason and emails the candidate; the email is in the outbox", async ({ page, request }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const title = `Decided screen ${stamp}`;
  const candidateEmail = `jordan-${stamp}@example.org`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title,
      status: "active",
      practice_question: false,
      questions: [{ text: "Why this role?", time_limit_seconds: 60 }],
      decision_emails: {
        reject: {
          subject: "{{interview_title}}: our decision",
          body: "Dear {{candidate_name}},\n\n{{company_name}} will not take your application further.",
        },
      },
    },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;
  const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, {
    headers,
    data: { candidate_name: "Jordan Decided", candidate_email: candidateEmail },
  });
  expect(minted.status()).toBe(201);
  const link = new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname;
  const sessionId = await completeInterviewByApi(request, link);

  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  await page.goto(`/dashboard/interviews/${interviewId}/sessions/${sessionId}`);
  const panel = page.getByRole("region", { name: "Decision", exact: true });
  await expect(panel.getByText("No decision yet.")).toBeVisible();

  await test.step("a reject without a reason shows the inline message and records nothing", async () => {
    await panel.getByRole("radio", { name: /^Reject/ }).check();
    await panel.getByRole("button", { name: "Record decision" }).click();
    await expect(panel.getByText("Give a reason to hold or reject")).toBeVisible();
    await expect(panel.getByRole("textbox", { name: "Reason (required)" })).toBeFocused();
    await expect(page.getByRole("dialog")).toBeHidden();
  });

  await test.step("with a reason and the email ticked, the preview shows the template filled in; the dialog confirms", async () => {
    await panel.getByRole("textbox", { name: "Reason (required)" }).fill("SQL depth below the bar for this role");
    await panel.getByRole("checkbox", { name: /Email the candidate/ }).check();
    const preview = panel.getByRole("region", { name: "Email preview" });
    await expect(preview).toContainText(`${title}: our decision`);
    await expect(preview).toContainText("Dear Jordan Decided,");
    await panel.getByRole("button", { name: "Record decision" }).click();
    const dialog = page.getByRole("dialog", { name: "Reject Jordan Decided?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(candidateEmail);
    await dialog.getByRole("button", { name: "Reject candidate" }).click();
    await expect(panel.getByRole("status")).toContainText("Decision recorded: Reject.");
  });

  await test.step("the decision shows on the page, with its reason and the email", async () => {
    const current = panel.getByRole("group", { name: "Current decision" });
    await expect(current).toContainText("Reject");
    await expect(current).toContainText("SQL depth below the bar for this role");
    await expect(current).toContainText(
      `${candidateEmail}: email to the candidate waiting in the outbox (no mail server)`,
    );
  });

  await test.step("the candidate's decision email is in the outbox", async () => {
    const outbox = new OutboxPage(page);
    await outbox.goto();
    await expect(outbox.table.getByRole("row").filter({ hasText: candidateEmail }).first()).toContainText(
      `${title}: our decision`,
    );
    const body = await outbox.openMessageTo(candidateEmail);
    expect(body).toContain("Dear Jordan Decided,");
    expect(body).toContain("will not take your application further.");
  });
});

test("the interview form's Review section: blind review, and each decision's email with the default text until edited", async ({
  page,
  request,
}) => {
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title: `Review settings ${Date.now()}`,
      status: "active",
      questions: [{ text: "Why this role?", time_limit_seconds: 60 }],
    },
  });
  const interviewId = ((await created.json()) as { id: string }).id;
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  await page.goto(`/dashboard/interviews/${interviewId}/edit`);
  const review = page.getByRole("region", { name: "Review", exact: true });
  const blind = review.getByRole("checkbox", { name: /Blind review/ });
  await expect(blind).toBeChecked();
  await blind.uncheck();

  await review.locator("summary", { hasText: "Advance email (default)" }).click();
  await expect(review.getByLabel("Advance email subject")).toHaveValue(
    "Next steps for {{interview_title}} at {{company_name}}",
  );
  await review.locator("summary", { hasText: "Reject email" }).click();
  const subject = review.getByLabel("Reject email subject");
  await subject.fill("Hi {{first_name}}");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(subject).toHaveAccessibleDescription(/Unknown placeholder \{\{first_name\}\}/);
  await subject.fill("About {{interview_title}}");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/interviews/${interviewId}$`));

  const saved = (await (await request.get(`/api/interviewer/interviews/${interviewId}`, { headers })).json()) as {
    blind_review: boolean;
    decision_emails: object;
  };
  expect(saved.blind_review).toBe(false);
  expect(saved.decision_emails).toEqual({
    reject: { subject: "About {{interview_title}}", body: expect.stringContaining("Hello {{candidate_name}},") },
  });
});
