import { expect, test } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../lib/evaluation/rubric";
import { DEMO_HEARD } from "../test/ai-server/demo-provider";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage } from "./pages/candidate-room-page";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { seriousViolations } from "./support/axe";
import { hrToken } from "./support/api";

// The AI pipeline end to end: a candidate completes, the jobs run inside the app against the scripted
// OpenAI-compatible demo provider (real HTTP, real multipart and JSON schema; it "hears" DEMO_HEARD in every answer
// and quotes it back), and HR reviews the transcript, the scores and their evidence. A quote seeks the video.

test.use({ storageState: SIGNED_OUT });

test("after the candidate completes, HR sees the transcript, AI scores with quoted evidence that seeks the video, and the summary", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const title = `AI reviewed screen ${Date.now()}`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const criteria = DEFAULT_RUBRIC.criteria.slice(0, 2);
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title,
      status: "active",
      practice_question: false,
      // This test is about the AI's review; blind review (scores withheld until HR submits a scorecard) is e2e/scorecards.spec.ts's.
      blind_review: false,
      questions: [
        {
          text: "Tell us about a project you are proud of.",
          time_limit_seconds: 60,
          think_time_seconds: 120,
          criteria,
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const interview = (await created.json()) as { id: string; questions: { criteria: unknown[] }[] };
  expect(interview.questions[0]!.criteria).toHaveLength(2);
  const minted = await request.post(`/api/interviewer/interviews/${interview.id}/tokens`, {
    headers,
    data: { candidate_name: "Alex Assessed" },
  });
  const link = new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname;

  await test.step("the candidate answers for about six seconds and completes", async () => {
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    const candidatePage = await context.newPage();
    const room = new CandidateRoomPage(candidatePage);
    await new CandidateLandingPage(candidatePage).goto(link, title);
    await room.enterRoom({ practice: false, questions: 1 });
    await room.startAnswering();
    await candidatePage.waitForTimeout(6000);
    await room.finishAnswer();
    await room.expectAnswerSaved(1);
    await room.main.getByRole("button", { name: "Finish interview" }).click();
    await expect(await room.receiptRows()).toHaveCount(2);
    await context.close();
  });

  const sessions = (await (
    await request.get(`/api/interviewer/interviews/${interview.id}/sessions`, { headers })
  ).json()) as { id: string }[];
  const sessionId = sessions[0]!.id;

  await test.step("the jobs transcribe and evaluate it in the background", async () => {
    await expect
      .poll(
        async () => {
          const detail = (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers })).json()) as {
            ai: { evaluation: { state: string } };
          };
          return detail.ai.evaluation.state;
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBe("done");
  });

  await test.step("HR opens the review: transcript, AI scores marked as advice, evidence quotes, and the summary", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await page.goto(`/dashboard/interviews/${interview.id}/sessions/${sessionId}`);
    const transcript = page.getByRole("list", { name: "Transcript of answer 1" });
    await expect(transcript).toContainText(DEMO_HEARD.split(".")[0]!);
    await expect(page.getByRole("heading", { name: "AI scores (version 1)" })).toBeVisible();
    await expect(page.getByText(/AI advice/).first()).toBeVisible();
    const scores = page.getByRole("list", { name: "Criteria for answer 1" });
    await expect(scores.getByRole("listitem").filter({ hasText: criteria[0]!.name }).first()).toContainText(
      /[1-5] \/ 5/,
    );
    await expect(page.getByRole("heading", { name: "AI summary" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step("clicking an evidence quote plays the answer from the second it was said", async () => {
    const detail = (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers })).json()) as {
      ai: {
        evaluations: {
          answers: {
            criteria: { criterion: string; status: string; evidence?: { text: string; start: number | null }[] }[];
          }[];
        }[];
      };
    };
    const judged = detail.ai.evaluations[0]!.answers[0]!.criteria.find((c) => c.criterion === criteria[1]!.name)!;
    expect(judged.status).toBe("scored");
    const said = judged.evidence![0]!;
    expect(DEMO_HEARD.toLowerCase()).toContain(said.text.toLowerCase().replace(/[.,]/g, "").split(" ")[0]!);
    expect(said.start).toBeGreaterThan(1); // from the middle of the answer, so a seek is visible

    const video = page.getByLabel("Recorded answer to question 1");
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      v.pause();
      v.currentTime = 0;
    });
    await page
      .getByRole("list", { name: `Evidence for ${criteria[1]!.name}` })
      .getByRole("button")
      .first()
      .click();
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(said.start! - 0.05);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(said.start! + 2);
  });
});
