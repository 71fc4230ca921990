import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage } from "./pages/candidate-room-page";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { interviewWithInvite } from "./support/api";

// Silent observation by HR while a candidate answers. No LiveKit server runs here, so both
// sides are in local mode: the observer must see a clear "unavailable" state, and flags must still work.

test.use({ storageState: SIGNED_OUT });

test("HR watches a running session silently, sees that the relay is unavailable, flags a moment, and finds the flag on the review timeline", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const title = `Observed screen ${Date.now()}`;
  const { link, interviewId } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [{ text: "Walk us through your favourite project.", time_limit_seconds: 120, think_time_seconds: 120 }],
  });

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const candidatePage = await context.newPage();
  const room = new CandidateRoomPage(candidatePage);
  await test.step("the candidate is answering in the room (local mode)", async () => {
    await new CandidateLandingPage(candidatePage).goto(link, title);
    await room.enterRoom({ practice: false, questions: 1 });
    await room.startAnswering();
    await candidatePage.waitForTimeout(3000); // a chunk or two uploaded: the session knows the question
  });

  await test.step("the session shows live; HR opens it and is told the relay is unavailable", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await page.goto(`/dashboard/interviews/${interviewId}`);
    const row = page
      .getByRole("table", { name: "Interview sessions" })
      .getByRole("row")
      .filter({ hasText: "Robin Remote" });
    await expect(row).toContainText("Live · on question 1 of 1");
    await row.getByRole("link", { name: /Robin Remote/ }).click();
    await page.getByRole("link", { name: "Watch live" }).click();
    await expect(page.getByRole("heading", { name: "Watching Robin Remote", level: 1 })).toBeVisible();
    await expect(page.getByText("Live video is unavailable")).toBeVisible({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step("the observer adds a flag; the candidate's room is unchanged", async () => {
    await page.getByLabel("Note").fill("Clear structure, good example");
    await page.getByRole("button", { name: "Add flag" }).click();
    await expect(page.getByRole("list", { name: "Flags so far" })).toContainText("Clear structure, good example");
    await expect(page.getByRole("list", { name: "Flags so far" })).toContainText("question 1");
    await expect(room.recordingBadge).toBeVisible();
  });

  await test.step("the candidate finishes", async () => {
    await room.finishAnswer();
    await room.expectAnswerSaved(1);
    await room.main.getByRole("button", { name: "Finish interview" }).click();
    await expect(await room.receiptRows()).toHaveCount(2);
  });
  await context.close();

  await test.step("the flag is on the review timeline, next to the recording", async () => {
    await page.getByRole("link", { name: "← Session review" }).click();
    await expect(page.getByRole("heading", { name: /Robin Remote · attempt 1/ })).toBeVisible();
    const onAnswer = page.getByRole("list", { name: "Flags on this answer" });
    await expect(onAnswer).toContainText("Clear structure, good example");
    await expect(
      onAnswer.getByRole("button", { name: /Play from \d+:\d\d: Clear structure, good example/ }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Observation flags" })).toContainText(
      "Clear structure, good example",
    );
    expect(await seriousViolations(page)).toEqual([]);
  });
});
