import { expect, test } from "@playwright/test";
import { InterviewPage } from "./pages/interview-page";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";

// A candidate whose link has expired asks for more time from the link's page; HR approves it on the interview page,
// choosing the new expiry in their own timezone; the new expiry shows on the invite row and on the candidate's page,
// where the link works again.

const ZONE = "Europe/Berlin";
test.use({ storageState: SIGNED_OUT, timezoneId: ZONE, locale: "en-US" });

/** "YYYY-MM-DD" of an instant in ZONE. */
const dayIn = (at: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

test("a candidate on an expired link asks for more time; HR approves with a new expiry; both sides show it", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const title = `Extension screen ${stamp}`;
  const email = `casey-${stamp}@example.org`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: { title, status: "active", questions: [{ text: "Why this role?", time_limit_seconds: 60 }] },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;
  // A link that lives about four seconds.
  const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, {
    headers,
    data: { candidate_name: "Casey Late", candidate_email: email, expires_in_hours: 0.001 },
  });
  expect(minted.status()).toBe(201);
  const link = new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname;
  await page.waitForTimeout(4_500);

  const reason = "I was travelling without a camera until Monday.";
  await test.step("the candidate's expired link offers to ask for more time, and the request is recorded", async () => {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    const section = page.getByRole("region", { name: "More time" });
    await expect(section).toContainText("This link has expired");
    const box = section.getByRole("textbox", { name: "Why do you need more time?" });
    await section.getByRole("button", { name: "Ask for more time" }).click();
    await expect(section.getByText("Say briefly why you need more time.")).toBeVisible();
    await box.fill(reason);
    await expect(section).toContainText(`${reason.length} / 1000 characters`);
    await section.getByRole("button", { name: "Ask for more time" }).click();
    await expect(section.getByRole("status").first()).toContainText("They have not answered yet");
    await page.reload();
    await expect(page.getByRole("region", { name: "More time" })).toContainText("They have not answered yet");
  });

  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  const interviewPage = new InterviewPage(page);
  await interviewPage.goto(`/dashboard/interviews/${interviewId}`, title);
  const row = interviewPage.inviteRow(email);
  await expect(row.getByText("Extension requested")).toBeVisible();

  const newDay = dayIn(new Date(Date.now() + 10 * 24 * 3600 * 1000));
  const newLocal = `${newDay}T14:30`;
  const newIso = await page.evaluate((v) => new Date(v).toISOString(), newLocal);

  await test.step("HR approves on the interview page, choosing the new expiry", async () => {
    const section = page.getByRole("region", { name: "Extension requests" });
    const waiting = section.getByRole("row").filter({ hasText: email });
    await expect(waiting).toContainText(reason);
    await waiting.getByRole("button", { name: /^Approve/ }).click();
    const expiry = waiting.getByLabel("New expiry");
    // Proposed: a week from now.
    await expect(expiry).toHaveValue(new RegExp(`^${dayIn(new Date(Date.now() + 7 * 24 * 3600 * 1000))}T`));
    await expiry.fill(newLocal);
    await waiting.getByRole("textbox", { name: "Note to the candidate (optional)" }).fill("Take your time.");
    await waiting.getByRole("button", { name: "Approve and set expiry" }).click();
    await expect(section.getByText("No requests for more time are waiting.")).toBeVisible();
    const decided = section.getByRole("region", { name: "Decided extension requests" }).getByRole("row", {
      name: new RegExp(email),
    });
    await expect(decided).toContainText("Approved");
    await expect(decided.locator(`time[datetime="${newIso}"]`)).toBeVisible();
  });

  await test.step("the invite row shows the new expiry and no pending request", async () => {
    await expect(row.getByText("Extension requested")).toHaveCount(0);
    await expect(row.locator(`time[datetime="${newIso}"]`)).toBeVisible();
    await expect(row).toContainText(/in (9|10) d/);
  });

  await test.step("the candidate's page shows the new expiry and the link works again", async () => {
    await page.goto(link);
    const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(
      new Date(newIso),
    );
    const section = page.getByRole("region", { name: "More time" });
    await expect(section).toContainText(`gave you more time: this link works until ${shown}`);
    await expect(page.getByText("Link valid until")).toBeVisible();
    await expect(page.locator(`dd time[datetime="${newIso}"]`)).toHaveText(shown);
  });

  await test.step("the staff API lists the decision with its note", async () => {
    const listed = await request.get("/api/interviewer/interviews/" + interviewId + "/extension-requests", {
      headers,
    });
    expect(listed.status()).toBe(200);
    expect(await listed.json()).toMatchObject({
      pending: [],
      decided: [{ status: "approved", new_expires_at: newIso, decision_note: "Take your time." }],
    });
  });
});
