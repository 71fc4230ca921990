import { type APIRequestContext, expect, test, type Locator } from "@playwright/test";
import { CONSENT_VERSION } from "../lib/consent/text";
import { seriousViolations } from "./support/axe";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage, SPOKEN_ANSWER_MS } from "./pages/candidate-room-page";
import { InterviewPage } from "./pages/interview-page";
import { InterviewsPage } from "./pages/interviews-page";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT, uniqueEmail } from "./support/accounts";
import { interviewWithInvite } from "./support/api";

// The candidate's whole interview in Chromium with its fake camera and microphone. There is no LiveKit server here,
// so the room runs in local mode (the tested path); recording and upload never depend on the relay.

/** Plays a recording muted and waits until its playhead moves: the bytes stream and decode. */
async function expectPlays(video: Locator) {
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(0.2);
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(0);
}

test.use({ storageState: SIGNED_OUT });

test("a candidate consents, checks devices, answers two questions across a reload, gets a receipt, and HR plays both answers", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000); // ~40 s on a quiet machine; a loaded CI machine is much slower
  const title = `Two-question screen ${Date.now()}`;
  const email = uniqueEmail("room");
  let interviewUrl = "";
  let link = "";

  await test.step("HR creates a two-question interview and mints an invite", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await new InterviewsPage(page).create({
      title,
      questions: [
        // Long think times: the test starts each answer itself, so a slow accessibility scan cannot race the countdown.
        { text: "What did you build last?", timeLimitSeconds: 60, thinkTimeSeconds: 120 },
        { text: "What would you improve about it?", timeLimitSeconds: 60, thinkTimeSeconds: 120 },
      ],
    });
    interviewUrl = page.url();
    link = await new InterviewPage(page).mintInvite({ name: "Casey Room", email, maxAttempts: 1 });
  });

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const candidatePage = await context.newPage();
  const landing = new CandidateLandingPage(candidatePage);
  const room = new CandidateRoomPage(candidatePage);

  await test.step("landing, consent and device check, each without serious accessibility violations", async () => {
    await landing.goto(link, title);
    expect(await seriousViolations(candidatePage)).toEqual([]);
    await room.getStarted();
    await expect(room.main).toContainText("AI interviewer persona");
    expect(await seriousViolations(candidatePage)).toEqual([]);
    await room.consent();
    await room.checkDevices({ testRecording: true });
    expect(await seriousViolations(candidatePage)).toEqual([]);
    await room.continueFromDevices();
    await room.skipPractice();
    await room.startInterview();
  });

  await test.step("question 1: the persona asks, the room says it runs in local mode, and the answer is saved", async () => {
    await room.expectQuestion(1, 2);
    await expect(room.main).toContainText("What did you build last?");
    await expect(room.main).toContainText("local mode");
    expect(await seriousViolations(candidatePage)).toEqual([]);
    await room.startAnswering();
    await candidatePage.waitForTimeout(SPOKEN_ANSWER_MS);
    await room.finishAnswer();
    await room.expectAnswerSaved(1);
    await room.main.getByRole("button", { name: "Next question" }).click();
  });

  await test.step("mid-way through question 2 the candidate reloads, continues, and lands on question 2 again", async () => {
    await room.expectQuestion(2, 2);
    await room.startAnswering();
    await candidatePage.waitForTimeout(2500);
    // Mid-answer the room asks before leaving (beforeunload); the candidate confirms, as a person reloading would.
    candidatePage.once("dialog", (dialog) => void dialog.accept());
    await candidatePage.reload();
    await expect(room.main.getByRole("heading", { name: "Your interview is in progress" })).toBeVisible();
    await room.main.getByRole("button", { name: "Continue interview" }).click();
    await room.checkDevices({ testRecording: false });
    await room.continueFromDevices("Continue interview");
    await room.expectQuestion(2, 2);
    await expect(room.main).toContainText("Welcome back");
    await expect(room.main).toContainText("continuing at question 2 of 2");
  });

  await test.step("the candidate answers question 2, finishes, and sees the receipt", async () => {
    await room.startAnswering();
    await candidatePage.waitForTimeout(SPOKEN_ANSWER_MS);
    await room.finishAnswer();
    await room.expectAnswerSaved(2);
    await room.main.getByRole("button", { name: "Finish interview" }).click();
    const rows = await room.receiptRows();
    await expect(rows).toHaveCount(3); // header + two answers
    await expect(rows.nth(1)).toContainText(/[0-9a-f]{12}/);
    expect(await seriousViolations(candidatePage)).toEqual([]);
  });

  await test.step("the receipt stays readable at the invite link", async () => {
    await candidatePage.goto(link);
    await expect(room.main.getByRole("heading", { name: "You have completed this interview" })).toBeVisible();
    await expect(await room.receiptRows()).toHaveCount(3);
  });
  await context.close();

  await test.step("HR opens the session and both recordings play", async () => {
    await new InterviewPage(page).goto(interviewUrl, title);
    const sessions = page.getByRole("table", { name: "Interview sessions" });
    await expect(sessions.getByRole("row").filter({ hasText: "Casey Room" })).toContainText("Completed");
    await sessions.getByRole("link", { name: /Casey Room/ }).click();
    for (const n of [1, 2]) await expectPlays(page.getByLabel(`Recorded answer to question ${n}`));
    await expect(page.getByText(CONSENT_VERSION)).toBeVisible(); // the consent record
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test("an answer recorded while the network is cut arrives complete and verified once it returns", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Offline answer ${Date.now()}`;
  const { link, interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [
      { text: "Tell us about a time the network failed you.", time_limit_seconds: 60, think_time_seconds: 120 },
    ],
  });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const landing = new CandidateLandingPage(page);
  const room = new CandidateRoomPage(page);
  await landing.goto(link, title);
  await room.enterRoom({ practice: false, questions: 1 });
  await room.startAnswering();

  await context.setOffline(true);
  await page.waitForTimeout(4500); // at least two chunks recorded and refused by the network
  await expect(room.main.getByText("You are offline")).toBeVisible({ timeout: 15_000 });
  await room.finishAnswer();
  await expect(room.main.getByText(/Answer 1: Uploading/)).toBeVisible();

  await context.setOffline(false);
  await room.expectAnswerSaved(1, 30_000);
  await room.main.getByRole("button", { name: "Finish interview" }).click();
  await expect(await room.receiptRows()).toHaveCount(2);
  await context.close();

  const sessions = await request.get(`/api/interviewer/interviews/${interviewId}/sessions`, { headers });
  const [session] = (await sessions.json()) as { id: string; status: string }[];
  expect(session?.status).toBe("completed");
  const detail = (await (await request.get(`/api/interviewer/sessions/${session!.id}`, { headers })).json()) as {
    answers: { recording: { status: string; size_bytes: number; sha256: string } | null }[];
  };
  expect(detail.answers[0]?.recording).toMatchObject({ status: "ready" });
  expect(detail.answers[0]!.recording!.size_bytes).toBeGreaterThan(50_000);
});

/** A further invite to the same interview, through the API: its id (to manage it) and the link. */
async function mintInvite(
  request: APIRequestContext,
  headers: Record<string, string>,
  interviewId: string,
  data: Record<string, unknown>,
) {
  const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, { headers, data });
  expect(minted.status()).toBe(201);
  const invite = (await minted.json()) as { id: string; interview_url: string };
  return { tokenId: invite.id, link: new URL(invite.interview_url).pathname };
}

test("revoking the invite mid-interview stops the room calmly; the saved answer stays and the review says revoked", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Withdrawn interview ${Date.now()}`;
  const { interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [
      { text: "What are you proud of?", time_limit_seconds: 60, think_time_seconds: 120 },
      { text: "What would you change?", time_limit_seconds: 60, think_time_seconds: 120 },
    ],
  });
  const { tokenId, link } = await mintInvite(request, headers, interviewId, { candidate_name: "Wren Withdrawn" });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const room = new CandidateRoomPage(page);
  await new CandidateLandingPage(page).goto(link, title);
  await room.enterRoom({ practice: false, questions: 2 });
  await room.startAnswering();
  await page.waitForTimeout(SPOKEN_ANSWER_MS);
  await room.finishAnswer();
  await room.expectAnswerSaved(1);
  await room.main.getByRole("button", { name: "Next question" }).click();
  await room.expectQuestion(2, 2);
  await room.startAnswering();

  const revoked = await request.post(`/api/interviewer/interviews/${interviewId}/tokens/${tokenId}/revoke`, {
    headers,
  });
  expect(revoked.status()).toBe(200);
  await room.expectWithdrawn(); // the next chunk upload is refused with session_revoked
  await expect(room.recordingBadge).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.reload();
  await expect(room.main.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
  await context.close();

  const sessions = (await (
    await request.get(`/api/interviewer/interviews/${interviewId}/sessions`, { headers })
  ).json()) as { id: string; status: string }[];
  expect(sessions.map((s) => s.status)).toEqual(["revoked"]);
  const detail = (await (await request.get(`/api/interviewer/sessions/${sessions[0]!.id}`, { headers })).json()) as {
    ended_at: string | null;
    answers: { recording: { status: string } | null }[];
  };
  expect(detail.ended_at).not.toBeNull();
  expect(detail.answers[0]?.recording?.status).toBe("ready");
});

test("continuing in another browser, and then back in the first, never uses an attempt without asking", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Two places ${Date.now()}`;
  const { interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [{ text: "Where do you work best?", time_limit_seconds: 60, think_time_seconds: 120 }],
  });
  const { tokenId, link } = await mintInvite(request, headers, interviewId, {
    candidate_name: "Sam Twice",
    max_attempts: 3,
  });
  const attempts = async () => {
    const list = (await (
      await request.get(`/api/interviewer/interviews/${interviewId}/tokens`, { headers })
    ).json()) as { id: string; current_attempts: number }[];
    return list.find((t) => t.id === tokenId)!.current_attempts;
  };

  // The laptop starts attempt 1.
  const laptop = await browser.newContext({ storageState: SIGNED_OUT });
  const laptopRoom = new CandidateRoomPage(await laptop.newPage());
  await new CandidateLandingPage(laptopRoom.page).goto(link, title);
  await laptopRoom.enterRoom({ practice: false, questions: 1 });

  // The phone has no resume token: it is told so, uses nothing, and starts attempt 2 only when asked to.
  const phone = await browser.newContext({ storageState: SIGNED_OUT });
  const phoneRoom = new CandidateRoomPage(await phone.newPage());
  await phoneRoom.page.goto(link);
  await phoneRoom.continueInterview();
  await phoneRoom.expectResumeRefused("This browser cannot continue your interview");
  expect(await attempts()).toBe(1);
  expect(await seriousViolations(phoneRoom.page)).toEqual([]);
  await phoneRoom.newAttemptButton(2).click();
  await phoneRoom.expectQuestion(1, 1);
  await expect(phoneRoom.main).toContainText("Attempt 2 has started from the first question");
  expect(await attempts()).toBe(2);

  // Back on the laptop, continuing is refused (attempt 1 ended) and, again, nothing is used without a choice.
  await laptopRoom.page.reload();
  await laptopRoom.continueInterview();
  await laptopRoom.expectResumeRefused("This interview was continued in another tab or window");
  await expect(laptopRoom.newAttemptButton(1)).toBeVisible();
  expect(await attempts()).toBe(2);
  const sessions = (await (
    await request.get(`/api/interviewer/interviews/${interviewId}/sessions`, { headers })
  ).json()) as { status: string; attempt_number: number }[];
  expect(sessions.map((s) => [s.attempt_number, s.status]).sort()).toEqual([
    [1, "abandoned"],
    [2, "in_progress"],
  ]);
  await laptop.close();
  await phone.close();
});
