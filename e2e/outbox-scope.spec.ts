import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { OutboxPage } from "./pages/outbox-page";
import { ACCOUNTS, SIGNED_OUT, uniqueEmail } from "./support/accounts";
import { hrToken } from "./support/api";

// The outbox holds candidates' links while they wait for delivery. A TEAM_LEAD who does not run an interview must
// not find another candidate's message, link or address anywhere in the page they are served.

test.use({ storageState: SIGNED_OUT });

test("a TEAM_LEAD sees no message or link of an interview they do not manage; HR does", async ({ page, request }) => {
  test.setTimeout(90_000); // two sign-ins through the form; on a loaded CI machine each may take 8 s
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: { title: "Outbox scope check", questions: [{ text: "Hello?", time_limit_seconds: 30 }], status: "active" },
  });
  expect(created.status()).toBe(201);
  const candidate = uniqueEmail("outbox-scope");
  const minted = await request.post(
    `/api/interviewer/interviews/${((await created.json()) as { id: string }).id}/tokens`,
    {
      headers,
      data: { candidate_name: "Scope Candidate", candidate_email: candidate },
    },
  );
  expect(minted.status()).toBe(201);
  const { token_value: value } = (await minted.json()) as { token_value: string };

  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.lead.email);
  const response = await page.goto("/dashboard/outbox");
  expect(response?.status()).toBe(200);
  const html = await page.content();
  expect(html).not.toContain(value);
  expect(html).not.toContain(candidate.toLowerCase());
  await expect(page.getByRole("table", { name: "Emails, newest first" })).not.toContainText("Scope Candidate");

  // The manager of the interview still finds the queued message and its link (no SMTP here).
  await page.context().clearCookies();
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  const outbox = new OutboxPage(page);
  await outbox.goto();
  expect(await outbox.openMessageTo(candidate.toLowerCase())).toContain(`/interview/${value}`);
});
