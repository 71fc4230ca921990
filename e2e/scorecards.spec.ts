import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../lib/evaluation/rubric";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, DEMO_PASSWORD, SIGNED_OUT } from "./support/accounts";
import { seriousViolations } from "./support/axe";
import { hrToken } from "./support/api";
import { completeInterviewByApi } from "./support/candidate-api";

// Blind review with two reviewers: HR scores first without seeing the AI's scores or anyone else's; ADMIN, before
// submitting, sees nothing of HR's (the page and the API alike), submits, then sees HR's card; the board counts both.
// The demo provider scores the first criterion 4 and the second 3.

test.use({ storageState: SIGNED_OUT });

const [FIRST, SECOND] = DEFAULT_RUBRIC.criteria;
const HIDDEN = "Submit your scorecard to see the AI's scores and other reviewers'.";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(email);
  return page;
}

/** Scores question 1's two criteria, picks the recommendation and submits through the confirmation. */
async function submitScorecard(page: Page, scores: [number, number], recommendation: string, privateNote?: string) {
  const mine = page.getByRole("region", { name: /^Your scorecard(?!:)/ });
  await mine
    .getByRole("group", { name: `${FIRST!.name} (question 1)` })
    .getByRole("radio", { name: String(scores[0]), exact: true })
    .check();
  await mine
    .getByRole("group", { name: `${SECOND!.name} (question 1)` })
    .getByRole("radio", { name: String(scores[1]), exact: true })
    .check();
  await mine
    .getByRole("group", { name: "Overall recommendation" })
    .getByRole("radio", { name: recommendation, exact: true })
    .check();
  if (privateNote) await mine.getByLabel("Private note (only you will ever see it)").fill(privateNote);
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  const dialog = page.getByRole("dialog", { name: "Submit your scorecard?" });
  await dialog.getByRole("button", { name: "Submit scorecard" }).click();
  await expect(page.getByRole("heading", { name: /^Your scorecard Version 1$/ })).toBeVisible();
}

test("two reviewers score one session blind; the second sees the first only after submitting; the board counts both", async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title: `Blind scorecards ${Date.now()}`,
      status: "active",
      practice_question: false,
      questions: [
        { text: "Tell us about a project you are proud of.", time_limit_seconds: 60, criteria: [FIRST, SECOND] },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const interview = (await created.json()) as { id: string; blind_review: boolean };
  expect(interview.blind_review).toBe(true);
  const minted = await request.post(`/api/interviewer/interviews/${interview.id}/tokens`, {
    headers,
    data: { candidate_name: "Blake Blind" },
  });
  const link = new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname;
  const sessionId = await completeInterviewByApi(request, link);
  const reviewUrl = `/dashboard/interviews/${interview.id}/sessions/${sessionId}`;

  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers })).json()) as {
            ai: { evaluation: { state: string } };
          }
        ).ai.evaluation.state,
      {
        timeout: 60_000,
        intervals: [1000],
      },
    )
    .toBe("done");

  await test.step("HR sees neither the AI's scores nor another scorecard, then scores and submits", async () => {
    const page = await signedIn(browser, ACCOUNTS.hr.email);
    await page.goto(reviewUrl);
    await expect(page.getByRole("heading", { name: "Scorecards", level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: HIDDEN }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: /^AI scores/ })).toHaveCount(0);
    await expect(page.getByText("No other reviewer has submitted a scorecard yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await submitScorecard(page, [1, 3], "No", "Seemed rehearsed");
    // Now the AI's scores show, and where HR and the AI differ by 2 or more it says so.
    await expect(page.getByRole("heading", { name: "AI scores (version 1)" })).toBeVisible();
    await expect(
      page.getByRole("region", { name: /^Your scorecard(?!:)/ }).getByText("You gave 1, the AI 4"),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Disagreements with the AI" })).toContainText(FIRST!.name);
    await expect(page.getByText("Seemed rehearsed")).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit (creates version 2)" })).toBeVisible();
    await page.context().close();
  });

  await test.step("ADMIN, before submitting, sees nothing of HR's scores, on the page and through the API", async () => {
    const login = await request.post("/api/v1/auth/login", {
      data: { email: ACCOUNTS.admin.email, password: DEMO_PASSWORD },
    });
    const admin = { authorization: `Bearer ${((await login.json()) as { access_token: string }).access_token}` };
    const view = (await (
      await request.get(`/api/interviewer/sessions/${sessionId}/scorecards`, { headers: admin })
    ).json()) as { scores_visible: boolean; others: { hidden: boolean; count: number } };
    expect(view).toMatchObject({ scores_visible: false, others: { hidden: true, count: 1 } });
    expect(JSON.stringify(view)).not.toContain("Seemed rehearsed");
    const detail = (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers: admin })).json()) as {
      ai: { scores_hidden: boolean };
    };
    expect(detail.ai.scores_hidden).toBe(true);

    const page = await signedIn(browser, ACCOUNTS.admin.email);
    await page.goto(reviewUrl);
    await expect(page.getByText("1 other reviewer has submitted a scorecard.")).toBeVisible();
    await expect(page.getByRole("heading", { name: /Emma Rodriguez's scorecard/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /^AI scores/ })).toHaveCount(0);

    await submitScorecard(page, [5, 5], "Strong yes");
    const hrCard = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /Emma Rodriguez's scorecard/ }) });
    await expect(hrCard).toBeVisible();
    await expect(hrCard).toContainText("No");
    await expect(hrCard).toContainText("Emma Rodriguez gave 1, the AI 4");
    await expect(page.getByText("Seemed rehearsed")).toHaveCount(0);
    await expect(
      page.getByRole("region", { name: /^Your scorecard(?!:)/ }).getByText("You gave 5, the AI 3"),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  await test.step("the board shows two reviews and the human score", async () => {
    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/interviewer/interviews/${interview.id}/board`, { headers });
          if (!res.ok()) return `board ${res.status()}`;
          const row = (
            (await res.json()) as { items: { session_id: string; review_count: number; human_score: number | null }[] }
          ).items.find((i) => i.session_id === sessionId);
          return row && { review_count: row.review_count, human_score: row.human_score };
        },
        { timeout: 10_000 },
      )
      // HR's mean is 2, ADMIN's 5: the human score is the mean of the submitted scorecards.
      .toEqual({ review_count: 2, human_score: 3.5 });
  });
});
