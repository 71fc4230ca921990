import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { CandidateLandingPage } from "../pages/candidate-landing-page";
import { CandidateRoomPage } from "../pages/candidate-room-page";
import { SIGNED_OUT } from "../support/accounts";
import { interviewWithInvite } from "../support/api";
import {
  candidateTracks,
  claimsOf,
  E2E_CANDIDATE_TOKEN_TTL_S,
  expectAppReachesRelay,
  recordSignalling,
  startRelay,
} from "../support/relay";
import type { LivekitServer } from "../../scripts/livekit/server-process";

// The relay going away mid-answer, and join tokens outliving their first lifetime, against a real LiveKit server that
// these tests stop and start. Recording never depends on the relay: nothing is lost and no attempt is used. The e2e
// app mints candidate join tokens for E2E_CANDIDATE_TOKEN_TTL_S (45 s), so the room refreshes them every 15 s.

test.use({ storageState: SIGNED_OUT });

let relay: LivekitServer;
test.beforeAll(async ({ baseURL }) => {
  relay = await startRelay(baseURL!);
});
test.afterAll(async () => {
  await relay?.stop();
});

interface Refresh {
  at: number;
  token: string;
}

/** A candidate in the room of a fresh one-question interview, with what the page says to the relay and the app. */
async function candidateInRoom(browser: import("@playwright/test").Browser, request: APIRequestContext, title: string) {
  const { link, interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [
      {
        text: "Describe a system you kept running through a failure.",
        time_limit_seconds: 180,
        think_time_seconds: 120,
      },
    ],
  });
  await expectAppReachesRelay(request, headers);
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  const signalling = recordSignalling(page);
  const refreshes: Refresh[] = [];
  const chunkPuts: number[] = [];
  page.on("response", async (response) => {
    const url = response.url();
    if (url.includes("/livekit-token") && response.ok()) {
      const body = (await response.json().catch(() => null)) as { livekit?: { participant_token: string } } | null;
      if (body?.livekit) refreshes.push({ at: Date.now(), token: body.livekit.participant_token });
    }
    if (response.request().method() === "PUT" && /\/recordings\/\d+\/chunks\/\d+/.test(url) && response.ok())
      chunkPuts.push(Date.now());
  });
  const room = new CandidateRoomPage(page);
  await new CandidateLandingPage(page).goto(link, title);
  const started = page.waitForResponse((r) => r.url().endsWith("/api/candidates/interviews/start-session") && r.ok());
  await room.enterRoom({ practice: false, questions: 1 });
  const body = (await (await started).json()) as {
    session_id: string;
    livekit: { room_name: string; participant_token: string };
  };
  await expectConnected(page);
  return {
    context,
    page,
    room,
    signalling,
    refreshes,
    chunkPuts,
    interviewId,
    headers,
    sessionId: body.session_id,
    roomName: body.livekit.room_name,
    firstToken: body.livekit.participant_token,
  };
}

const expectConnected = (page: Page, timeout = 20_000) =>
  expect(page.locator("[data-relay-state]")).toHaveAttribute("data-relay-state", "connected", { timeout });

async function attemptsUsed(
  request: APIRequestContext,
  headers: Record<string, string>,
  interviewId: string,
): Promise<number[]> {
  const invites = (await (
    await request.get(`/api/interviewer/interviews/${interviewId}/tokens`, { headers })
  ).json()) as { current_attempts: number }[] | { items: { current_attempts: number }[] };
  return (Array.isArray(invites) ? invites : invites.items).map((i) => i.current_attempts);
}

test("the relay stops and comes back mid-answer: the room says it is reconnecting, uploads go on, and it reconnects with a refreshed token", async ({
  browser,
  request,
}) => {
  const c = await candidateInRoom(browser, request, `Relay restart ${Date.now()}`);
  await c.room.startAnswering();
  await c.page.waitForTimeout(2000);

  await test.step("the server stops: the room shows it is reconnecting while the answer keeps recording and uploading", async () => {
    await relay.stop();
    await expect(c.room.main.getByText("Reconnecting the live connection")).toBeVisible({ timeout: 10_000 });
    const putsAtStop = c.chunkPuts.length;
    await c.page.waitForTimeout(8000);
    await expect(c.room.recordingBadge).toBeVisible();
    await expect(c.room.main.getByText("Reconnecting the live connection")).toBeVisible();
    expect(c.chunkPuts.length).toBeGreaterThanOrEqual(putsAtStop + 3); // a chunk every 2 s
  });

  await test.step("the server is back: the room reconnects by itself with a token the 30-second refresh fetched", async () => {
    const connectionsBefore = c.signalling.tokens.length;
    await relay.start();
    await expectConnected(c.page, 40_000);
    await expect(c.room.main.getByText("Reconnecting the live connection")).toBeHidden();
    await expect
      .poll(() => candidateTracks(c.roomName, c.sessionId), { timeout: 15_000 })
      .toEqual({ video: 1, audio: 1 });
    const reconnectToken = c.signalling.tokens.at(-1)!;
    expect(c.signalling.tokens.length).toBeGreaterThan(connectionsBefore);
    expect(reconnectToken).not.toBe(c.firstToken);
    expect(c.refreshes.map((r) => r.token)).toContain(reconnectToken);
  });

  await test.step("the answer is saved and verified; the same session completes and no further attempt was used", async () => {
    await c.room.finishAnswer();
    await c.room.expectAnswerSaved(1, 30_000);
    await c.room.main.getByRole("button", { name: "Finish interview" }).click();
    await expect(await c.room.receiptRows()).toHaveCount(2);
    const detail = (await (
      await request.get(`/api/interviewer/sessions/${c.sessionId}`, { headers: c.headers })
    ).json()) as {
      status: string;
      answers: { recording: { status: string } | null }[];
    };
    expect(detail.status).toBe("completed");
    expect(detail.answers[0]?.recording?.status).toBe("ready");
    expect(await attemptsUsed(request, c.headers, c.interviewId)).toEqual([1]);
  });
  await c.context.close();
});

test("during a long answer the join token is refreshed before each expiry, and a reconnect after the first token expired uses the fresh one", async ({
  browser,
  request,
}) => {
  const c = await candidateInRoom(browser, request, `Token refresh ${Date.now()}`);
  const firstExpiry = claimsOf(c.firstToken).exp * 1000;
  expect(firstExpiry - Date.now()).toBeLessThanOrEqual(E2E_CANDIDATE_TOKEN_TTL_S * 1000);
  await c.room.startAnswering();

  await test.step("two refreshes arrive, each before the token it replaces expires", async () => {
    await expect.poll(() => c.refreshes.length, { timeout: 45_000, intervals: [1000] }).toBeGreaterThanOrEqual(2);
    let previousExpiry = firstExpiry;
    for (const refresh of c.refreshes) {
      expect(refresh.at).toBeLessThan(previousExpiry);
      const expiry = claimsOf(refresh.token).exp * 1000;
      expect(expiry).toBeGreaterThan(previousExpiry);
      previousExpiry = expiry;
    }
  });

  await test.step("the relay is down until the first token has expired; the reconnect presents a live, refreshed token", async () => {
    await relay.stop();
    await expect(c.room.main.getByText("Reconnecting the live connection")).toBeVisible({ timeout: 10_000 });
    const wait = firstExpiry + 2000 - Date.now();
    if (wait > 0) await c.page.waitForTimeout(wait);
    await relay.start();
    await expectConnected(c.page, 40_000);
    const reconnectToken = c.signalling.tokens.at(-1)!;
    expect(c.refreshes.map((r) => r.token)).toContain(reconnectToken);
    expect(claimsOf(reconnectToken).exp * 1000).toBeGreaterThan(Date.now());
    expect(Date.now()).toBeGreaterThan(firstExpiry); // the first token could not have been accepted
    await expect
      .poll(() => candidateTracks(c.roomName, c.sessionId), { timeout: 15_000 })
      .toEqual({ video: 1, audio: 1 });
  });

  await test.step("the answer, recorded throughout, is saved and verified", async () => {
    await c.room.finishAnswer();
    await c.room.expectAnswerSaved(1, 30_000);
    expect(await attemptsUsed(request, c.headers, c.interviewId)).toEqual([1]);
  });
  await c.context.close();
});
