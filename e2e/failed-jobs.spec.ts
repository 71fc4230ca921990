import { expect, test } from "@playwright/test";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage, SPOKEN_ANSWER_MS } from "./pages/candidate-room-page";
import { SIGNED_OUT } from "./support/accounts";
import { interviewWithInvite } from "./support/api";

// The dashboard's dead-letter list with a real failure: the demo provider refuses the next transcription with 401
// (a failure retrying cannot fix, so the job fails at once), the admin finds it under Failed jobs with its reason,
// cancels once, then retries it; the transcript then arrives. On PGlite and PostgreSQL alike.

const AI_CONTROL = `http://127.0.0.1:${process.env.E2E_AI_PORT ?? 8091}/v1/control/fail-next`;

test("a transcription refused by the provider is listed under Failed jobs; the admin retries it after confirming, and the transcript arrives", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Refused transcription ${Date.now()}`;
  const { link, interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [{ text: "What did you learn last year?", time_limit_seconds: 60, think_time_seconds: 120 }],
  });
  expect(
    (await request.post(AI_CONTROL, { data: { path: "/audio/transcriptions", status: 401, count: 1 } })).ok(),
  ).toBe(true);

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const candidatePage = await context.newPage();
  const room = new CandidateRoomPage(candidatePage);
  await new CandidateLandingPage(candidatePage).goto(link, title);
  await room.enterRoom({ practice: false, questions: 1 });
  await room.startAnswering();
  await candidatePage.waitForTimeout(SPOKEN_ANSWER_MS);
  await room.finishAnswer();
  await room.expectAnswerSaved(1);
  await context.close();

  const sessions = (await (
    await request.get(`/api/interviewer/interviews/${interviewId}/sessions`, { headers })
  ).json()) as { id: string }[];
  const sessionId = sessions[0]!.id;
  const failed = async () =>
    (
      (await (await request.get("/api/jobs/failed", { headers })).json()) as {
        id: string;
        queue: string;
        payload: { recording_id?: string };
        error: string | null;
      }[]
    ).filter((j) => j.queue === "transcribe-recording");
  await expect.poll(async () => (await failed()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const [job] = await failed();
  expect(job!.error).toContain("provider_unauthorized");

  await page.goto("/dashboard/jobs");
  await expect(page.getByRole("heading", { name: "Failed jobs", level: 1 })).toBeVisible();
  const retry = page.getByRole("button", { name: new RegExp(`^Retry .*${job!.id}`) });
  await expect(page.getByRole("row").filter({ has: retry })).toContainText("provider_unauthorized");
  await retry.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await failed()).map((j) => j.id)).toContain(job!.id);

  await retry.click();
  await page.getByRole("dialog").getByRole("button", { name: "Retry job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "queued again" })).toBeVisible();
  expect((await failed()).map((j) => j.id)).not.toContain(job!.id);

  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers })).json()) as {
            ai: { answers: { transcript: unknown }[] };
          }
        ).ai.answers[0]!.transcript,
      {
        timeout: 30_000,
      },
    )
    .not.toBeNull();
});
