import { expect, test } from "@playwright/test";
import { CandidateLandingPage } from "../pages/candidate-landing-page";
import { CandidateRoomPage, SPOKEN_ANSWER_MS } from "../pages/candidate-room-page";
import { LoginPage } from "../pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "../support/accounts";
import { interviewWithInvite } from "../support/api";
import { candidateTracks, expectAppReachesRelay, recordSignalling, roomService, startRelay } from "../support/relay";
import type { LivekitServer } from "../../scripts/livekit/server-process";

// The candidate's room, silent observation, webhooks and the room's lifecycle against a real LiveKit server: the
// browser publishes to the SFU over loopback WebRTC, HR subscribes, and the server's own webhooks reach the app.

test.use({ storageState: SIGNED_OUT });

let relay: LivekitServer;
test.beforeAll(async ({ baseURL }) => {
  relay = await startRelay(baseURL!);
});
test.afterAll(async () => {
  await relay?.stop();
});

test("the candidate publishes camera and microphone to the relay, HR watches live unseen, webhooks drive the live badge, and the room closes on completion", async ({
  page,
  browser,
  request,
}) => {
  const title = `Relay screen ${Date.now()}`;
  const { link, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [{ text: "Tell us about a hard bug you fixed.", time_limit_seconds: 120, think_time_seconds: 120 }],
  });
  await expectAppReachesRelay(request, headers);
  const sessionApi = async (id: string) =>
    (await (await request.get(`/api/interviewer/sessions/${id}`, { headers })).json()) as {
      status: string;
      candidate_in_room: boolean | null;
      relay_activity: { event: string; actor: string; track_source: string | null }[];
    };

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const candidatePage = await context.newPage();
  const signalling = recordSignalling(candidatePage);
  const room = new CandidateRoomPage(candidatePage);
  const relayLine = candidatePage.locator("[data-relay-state]");
  let sessionId = "";
  let roomName = "";

  await test.step("the candidate's room connects to the relay: no local-mode notice", async () => {
    await new CandidateLandingPage(candidatePage).goto(link, title);
    const started = candidatePage.waitForResponse(
      (r) => r.url().endsWith("/api/candidates/interviews/start-session") && r.ok(),
    );
    await room.enterRoom({ practice: false, questions: 1 });
    const body = (await (await started).json()) as { session_id: string; livekit: { room_name: string } };
    sessionId = body.session_id;
    roomName = body.livekit.room_name;
    await expect(relayLine).toHaveAttribute("data-relay-state", "connected", { timeout: 20_000 });
    await expect(room.main).toContainText("Live connection: connected");
    await expect(room.main).not.toContainText("local mode");
    expect(signalling.tokens.length).toBeGreaterThan(0);
  });

  await test.step("the server created the room with our settings and lists the candidate with one video and one audio track", async () => {
    const [created] = await roomService().listRooms([roomName]);
    expect(created).toBeDefined();
    expect(created!.emptyTimeout).toBe(600);
    expect(created!.departureTimeout).toBe(120);
    expect(created!.maxParticipants).toBe(5);
    expect(JSON.parse(created!.metadata)).toMatchObject({ session_id: sessionId });
    await expect.poll(() => candidateTracks(roomName, sessionId), { timeout: 15_000 }).toEqual({ video: 1, audio: 1 });
  });

  await test.step("the server's webhooks reached the app: the candidate is in the room, with both tracks published", async () => {
    await expect.poll(async () => (await sessionApi(sessionId)).candidate_in_room, { timeout: 15_000 }).toBe(true);
    await expect
      .poll(
        async () =>
          (await sessionApi(sessionId)).relay_activity
            .filter((e) => e.actor === "candidate")
            .map((e) => `${e.event}:${e.track_source ?? ""}`)
            .sort(),
        {
          timeout: 15_000,
        },
      )
      .toEqual(["participant_joined:", "track_published:camera", "track_published:microphone"]);
  });

  await test.step("the candidate answers; recording and upload work as always", async () => {
    await room.startAnswering();
    await candidatePage.waitForTimeout(SPOKEN_ANSWER_MS);
  });

  await test.step("HR sees the live badge say the candidate is in the video room, opens Watch live and receives moving video", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    const interviewId = (await (await request.get(`/api/interviewer/sessions/${sessionId}`, { headers })).json())
      .interview_id as string;
    await page.goto(`/dashboard/interviews/${interviewId}/sessions/${sessionId}`);
    await expect(page.getByText("Live · on question 1 of 1 · in the video room")).toBeVisible();
    await page.getByRole("link", { name: "Watch live" }).click();
    const video = page.getByLabel("The candidate's camera, live");
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const first = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(first + 0.5);
  });

  await test.step("the observer is hidden: the server marks it so and the candidate's room shows nobody else", async () => {
    await expect
      .poll(
        async () =>
          (await roomService().listParticipants(roomName))
            .filter((p) => p.identity.startsWith("staff:"))
            .map((p) => p.permission?.hidden),
        { timeout: 10_000 },
      )
      .toEqual([true]);
    await expect(relayLine).toHaveAttribute("data-visible-peers", "0");
    await candidatePage.waitForTimeout(1000);
    await expect(relayLine).toHaveAttribute("data-visible-peers", "0");
  });

  await test.step("a flag dropped while watching", async () => {
    await page.getByLabel("Note").fill("Calm under pressure");
    await page.getByRole("button", { name: "Add flag" }).click();
    await expect(page.getByRole("list", { name: "Flags so far" })).toContainText("Calm under pressure");
  });

  await test.step("the candidate finishes; the answer is saved and verified, and the room is deleted", async () => {
    await room.finishAnswer();
    await room.expectAnswerSaved(1);
    await room.main.getByRole("button", { name: "Finish interview" }).click();
    await expect(await room.receiptRows()).toHaveCount(2);
    await expect.poll(async () => (await roomService().listRooms([roomName])).length, { timeout: 15_000 }).toBe(0);
  });
  await context.close();

  await test.step("the room's end arrived by webhook too, and the review shows the flag and the live connection", async () => {
    await expect
      .poll(async () => (await sessionApi(sessionId)).relay_activity.map((e) => e.event), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(["participant_left", "room_finished"]));
    expect((await sessionApi(sessionId)).status).toBe("completed");
    await page.getByRole("link", { name: "← Session review" }).click();
    await expect(page.getByRole("list", { name: "Flags on this answer" })).toContainText("Calm under pressure");
    const activity = page.getByRole("list", { name: "Live connection events" });
    await expect(activity).toContainText("The candidate joined the video room");
    await expect(activity).toContainText("The candidate started sending video");
    await expect(activity).toContainText("The candidate left the video room");
    await expect(activity).toContainText("The video room closed");
  });
});
