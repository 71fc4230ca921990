import { expect, test } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../lib/evaluation/rubric";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";
import { seriousViolations } from "./support/axe";
import { completeInterviewByApi } from "./support/candidate-api";

// The candidate board and the comparison: three candidates complete through the candidate API, the app's own AI
// pipeline scores them in the background (against the demo provider), HR ranks them on the board, picks all three
// and compares them question by question, with each answer's video one click away.

test.use({ storageState: SIGNED_OUT });

const CANDIDATES = ["Avery Board", "Blake Board", "Casey Board"];

test("three completed candidates on the board; comparing them shows each question's scores side by side, videos a click away", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const title = `Board screen ${Date.now()}`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const criteria = DEFAULT_RUBRIC.criteria.slice(0, 2);
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title,
      status: "active",
      practice_question: false,
      // Blind review would hide every score from HR until HR submits scorecards (e2e/scorecards.spec.ts covers that).
      blind_review: false,
      questions: [
        { text: "Tell us about a project you are proud of.", time_limit_seconds: 60, criteria },
        { text: "How do you handle a disagreement?", time_limit_seconds: 60, criteria },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;

  await test.step("three candidates complete through the candidate API", async () => {
    for (const name of CANDIDATES) {
      const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, {
        headers,
        data: { candidate_name: name },
      });
      expect(minted.status()).toBe(201);
      await completeInterviewByApi(
        request,
        new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname,
      );
    }
  });

  await test.step("the AI pipeline scores all three (the board API shows an AI score for each)", async () => {
    await expect
      .poll(
        async () => {
          const board = (await (
            await request.get(`/api/interviewer/interviews/${interviewId}/board`, { headers })
          ).json()) as { items: { ai_score: number | null }[] };
          return board.items.filter((row) => row.ai_score !== null).length;
        },
        { timeout: 90_000, intervals: [1000] },
      )
      .toBe(3);
  });

  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);

  await test.step("the interview page links to its board, which lists the three, sortable and filterable", async () => {
    await page.goto(`/dashboard/interviews/${interviewId}`);
    await page.getByRole("link", { name: "Board", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Candidate board" })).toBeVisible();
    const table = page.getByRole("table", { name: "Candidates, ranked" });
    for (const name of CANDIDATES)
      await expect(table.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(1 + CANDIDATES.length);
    await expect(table.getByRole("columnheader", { name: /AI score/ })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await table.getByRole("link", { name: /^Candidate/ }).click();
    await expect(table.getByRole("columnheader", { name: /Candidate/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("row").nth(1)).toContainText(CANDIDATES[0]!);

    await page.getByRole("link", { name: "Needs my review" }).click();
    await expect(page.getByRole("link", { name: "Needs my review" })).toHaveAttribute("aria-current", "page");
    await expect(table.getByRole("row")).toHaveCount(1 + CANDIDATES.length); // HR has reviewed nobody yet
  });

  await test.step("HR picks all three and compares them", async () => {
    const compare = page.getByRole("button", { name: "Compare selected" });
    await expect(compare).toBeDisabled();
    await page.getByRole("checkbox", { name: `Compare ${CANDIDATES[0]}` }).check();
    await expect(compare).toBeDisabled();
    for (const name of CANDIDATES.slice(1)) await page.getByRole("checkbox", { name: `Compare ${name}` }).check();
    await expect(compare).toBeEnabled();
    await compare.click();
    await expect(page).toHaveURL(/\/compare\?s=.+&s=.+&s=/);
    await expect(page.getByRole("heading", { name: "Comparing 3 candidates" })).toBeVisible();
  });

  await test.step("question by question: one column per candidate, each criterion's AI score, and links to the videos", async () => {
    const first = page.getByRole("table", { name: "Question 1, side by side" });
    for (const name of CANDIDATES) await expect(first.getByRole("columnheader", { name })).toBeVisible();
    const row = first.getByRole("row").filter({ has: page.getByRole("rowheader", { name: criteria[0]!.name }) });
    await expect(row.getByRole("cell")).toHaveCount(3);
    for (const cell of await row.getByRole("cell").all()) await expect(cell).toContainText(/AI: [1-5] \/ 5/);
    await expect(page.getByRole("table", { name: "Question 2, side by side" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const video = first.getByRole("link", { name: `Watch ${CANDIDATES[1]}'s answer to question 1` });
    await expect(video).toHaveAttribute("href", /\/sessions\/[0-9a-f-]+#answer-video-1$/);
    await video.click();
    await expect(page.getByRole("heading", { name: `${CANDIDATES[1]} · attempt 1` })).toBeVisible();
    await expect(page.locator("#answer-video-1")).toBeVisible();
  });
});
