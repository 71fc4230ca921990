import { describe, expect, it } from "vitest";
import type { StartedSession } from "@/lib/candidate-sessions/started-session";
import { planResume } from "./resume-plan";
import {
  type RoomEvent,
  type RoomState,
  countdownEnd,
  hasUnsaved,
  initialRoomState,
  isAnswered,
  isLastQuestion,
  retakesLeft,
  roomReducer,
  viewOf,
} from "./room-state";
import type { AnswerUpload, UploadStatus } from "./uploader";

const NOW = 1_000_000;
const session = (over: Partial<StartedSession> = {}): StartedSession => ({
  session_id: "s1",
  attempt_number: 1,
  resumed: false,
  questions: [
    { index: 0, text: "First?", think_time_seconds: 10, time_limit_seconds: 60 },
    { index: 1, text: "Second?", think_time_seconds: null, time_limit_seconds: 90 },
    { index: 2, text: "Third?", think_time_seconds: 0, time_limit_seconds: 30 },
  ],
  retakes_allowed: 1,
  practice_question: false,
  answers: [],
  livekit: { server_url: "ws://relay", room_name: "r", participant_token: "t", expires_at: "2030-01-01T00:00:00Z" },
  resume_token: "rt",
  ...over,
});
const run = (state: RoomState, ...events: RoomEvent[]) => events.reduce(roomReducer, state);
const opened = (s = session()) =>
  run(initialRoomState(s), { type: "opened", plan: planResume(s.answers, []), resumed: s.resumed, now: NOW });
const upload = (questionIndex: number, status: UploadStatus): AnswerUpload => ({
  questionIndex,
  take: 0,
  status,
  uploadedBytes: 0,
  totalBytes: 0,
});
const withUploads = (state: RoomState, ...answers: AnswerUpload[]) =>
  roomReducer(state, {
    type: "uploads",
    snapshot: { answers: new Map(answers.map((a) => [a.questionIndex, a])), offline: false },
  });
/** Records answer `phase.index` on take `take` and stores it. */
const recordAnswer = (state: RoomState, take = 0): RoomState =>
  run(
    state,
    { type: "startRequested", rerecord: false },
    { type: "takeReserved", take },
    { type: "recordingStarted", take, now: NOW },
    { type: "stopRequested" },
    { type: "answerStored" },
  );

describe("the room's state machine", () => {
  it("opens on the first question with its think time (5 s when the question sets none)", () => {
    const initial = initialRoomState(session());
    expect(initial.phase).toEqual({ name: "loading" });
    expect(opened().phase).toEqual({ name: "think", index: 0, endsAt: NOW + 10_000 });
    expect(opened().notice).toBeNull();
  });

  it("tells a candidate who started over which attempt began", () => {
    expect(initialRoomState(session({ attempt_number: 2 }), true).notice).toBe(
      "Attempt 2 has started from the first question; the attempt you started before has ended.",
    );
  });

  it("resumes at the first answer not given, and says what is still uploading", () => {
    const s = session({ resumed: true, answers: [{ answer: 0, status: "ready", take: 0, retakes_used: 1 }] });
    const state = run(initialRoomState(s), {
      type: "opened",
      plan: planResume(s.answers, [
        {
          sessionId: "s1",
          questionIndex: 1,
          take: 0,
          mimeType: "video/webm",
          startedAt: 0,
          finished: true,
          finalized: false,
        },
      ]),
      resumed: true,
      now: NOW,
    });
    expect(state.phase).toEqual({ name: "think", index: 2, endsAt: NOW });
    expect(state.notice).toBe(
      "Welcome back. Your earlier answers are kept, and 1 still uploading will finish in the background. You are continuing at question 3 of 3.",
    );
    expect(retakesLeft(state, 0)).toBe(0);
    expect(state.takes.get(0)).toEqual({ take: 0, fresh: false });
  });

  it("resumes straight to finishing when every answer is given", () => {
    const s = session({
      resumed: true,
      answers: [0, 1, 2].map((answer) => ({ answer, status: "ready" as const, take: 0, retakes_used: 0 })),
    });
    const state = opened(s);
    expect(state.phase).toEqual({ name: "finishing" });
    expect(state.notice).toBe("Welcome back. All your answers are recorded; we are making sure they are saved.");
  });

  it("goes think, starting, recording (with the answer's time limit), saving, saved", () => {
    let state = run(opened(), { type: "startRequested", rerecord: false });
    expect(state.phase).toEqual({ name: "starting", index: 0, from: "think", rerecord: false });
    expect(viewOf(state.phase)).toBe("think");
    expect(countdownEnd(state.phase)).toBeNull();
    state = run(state, { type: "takeReserved", take: 0 }, { type: "recordingStarted", take: 0, now: NOW });
    expect(state.phase).toEqual({ name: "recording", index: 0, take: 0, endsAt: NOW + 60_000 });
    expect(state.takes.get(0)).toEqual({ take: 0, fresh: false });
    expect(hasUnsaved(state)).toBe(true);
    state = run(state, { type: "stopRequested" });
    expect(state.phase).toEqual({ name: "saving", index: 0, take: 0 });
    state = run(state, { type: "answerStored" });
    expect(state.phase).toEqual({ name: "saved", index: 0 });
    expect(hasUnsaved(state)).toBe(false);
  });

  it("moves to the next answer not given, then back to one skipped, then to finishing", () => {
    let state = withUploads(recordAnswer(opened()), upload(0, "uploading"));
    expect(hasUnsaved(state)).toBe(true);
    expect(isLastQuestion(state, 0)).toBe(false);
    state = run(state, { type: "next", now: NOW });
    expect(state.phase).toEqual({ name: "think", index: 1, endsAt: NOW + 5_000 });
    // Question 3 answered elsewhere (another tab): after question 2 nothing is left.
    state = withUploads(recordAnswer(state), upload(0, "ready"), upload(1, "verifying"), upload(2, "ready"));
    expect(isLastQuestion(state, 1)).toBe(true);
    expect(run(state, { type: "next", now: NOW }).phase).toEqual({ name: "finishing" });
    // A refused upload of question 1 sends the candidate back to it after question 2.
    state = withUploads(state, upload(0, "failed"), upload(1, "verifying"), upload(2, "ready"));
    expect(isAnswered(state, 0)).toBe(false);
    expect(run(state, { type: "next", now: NOW }).phase).toEqual({ name: "think", index: 0, endsAt: NOW + 10_000 });
  });

  it("clears the welcome notice on moving on, and the problem when a question begins", () => {
    const s = session({ resumed: true });
    let state = run(opened(s), { type: "startRequested", rerecord: false }, { type: "startFailed", offline: false });
    expect(state.problem).toBe("Recording could not start. Please try again.");
    expect(state.notice).toMatch(/^Welcome back/);
    state = run(
      state,
      { type: "startRequested", rerecord: false },
      { type: "takeReserved", take: 0 },
      { type: "recordingStarted", take: 0, now: NOW },
    );
    state = run(state, { type: "stopRequested" }, { type: "answerStored" }, { type: "next", now: NOW });
    expect(state.notice).toBeNull();
    expect(state.problem).toBeNull();
  });

  it("re-records a verified answer within the limit, counting the retake the server granted", () => {
    let state = withUploads(recordAnswer(opened()), upload(0, "ready"));
    expect(retakesLeft(state, 0)).toBe(1);
    state = run(state, { type: "startRequested", rerecord: true });
    expect(viewOf(state.phase)).toBe("saved");
    state = run(
      state,
      { type: "retakeGranted", retakesUsed: 1 },
      { type: "takeReserved", take: 1 },
      { type: "recordingStarted", take: 1, now: NOW },
    );
    expect(retakesLeft(state, 0)).toBe(0);
    expect(state.phase).toMatchObject({ name: "recording", index: 0, take: 1 });
  });

  it("locks an answer out when its restarts are exhausted, and skips it", () => {
    let state = run(
      opened(),
      { type: "startRequested", rerecord: false },
      { type: "retakeRefused", code: "free_retakes_exhausted", detail: "This answer was restarted too often" },
    );
    expect(state.phase).toEqual({ name: "saved", index: 0 });
    expect(state.problem).toBe("This answer was restarted too often. Please continue with the next question.");
    expect(state.lockedOut.has(0)).toBe(true);
    expect(isLastQuestion(state, 1)).toBe(false);
    state = run(state, { type: "next", now: NOW });
    expect(state.phase).toMatchObject({ name: "think", index: 1 });
  });

  it("after any other refusal, waits on the button where the candidate was (a re-record stays on the saved answer)", () => {
    const refused = { type: "retakeRefused", code: "take_conflict", detail: null } as const;
    const fromThink = run(opened(), { type: "startRequested", rerecord: false }, refused);
    expect(fromThink.phase).toEqual({ name: "think", index: 0, endsAt: null });
    expect(fromThink.problem).toBe("This answer cannot be recorded again right now.");
    expect(fromThink.lockedOut.size).toBe(0);
    const fromSaved = run(recordAnswer(opened()), { type: "startRequested", rerecord: true }, refused);
    expect(fromSaved.phase).toEqual({ name: "saved", index: 0 });
    const offline = run(
      recordAnswer(opened()),
      { type: "startRequested", rerecord: true },
      { type: "startFailed", offline: true },
    );
    expect(offline.phase).toEqual({ name: "saved", index: 0 });
    expect(offline.problem).toBe("You seem to be offline. Re-recording needs a connection; try again in a moment.");
  });

  it("asks again for an answer that recorded nothing, on the same take", () => {
    const state = run(
      opened(),
      { type: "startRequested", rerecord: false },
      { type: "takeReserved", take: 0 },
      { type: "recordingStarted", take: 0, now: NOW },
      { type: "stopRequested" },
      { type: "nothingRecorded", now: NOW + 1000 },
    );
    expect(state.phase).toEqual({ name: "think", index: 0, endsAt: NOW + 11_000 });
    expect(state.takes.get(0)).toEqual({ take: 0, fresh: true });
    expect(state.problem).toBe("Nothing was recorded. Please answer again.");
  });

  it("says so when the device cannot store the answer", () => {
    const state = run(
      opened(),
      { type: "startRequested", rerecord: false },
      { type: "takeReserved", take: 0 },
      { type: "recordingStarted", take: 0, now: NOW },
      { type: "stopRequested" },
      { type: "storeFailed" },
    );
    expect(state.phase).toEqual({ name: "saved", index: 0 });
    expect(state.problem).toMatch(/could not store the recording/);
  });

  it("returns to the view it started from when the session is withdrawn mid-start", () => {
    const state = run(opened(), { type: "startRequested", rerecord: false }, { type: "startAbandoned" });
    expect(state.phase).toEqual({ name: "think", index: 0, endsAt: null });
  });

  it("answers a question picked from the finish list", () => {
    const finishing = { ...opened(), phase: { name: "finishing" } } as RoomState;
    expect(run(finishing, { type: "answer", index: 2, now: NOW }).phase).toEqual({
      name: "think",
      index: 2,
      endsAt: NOW,
    });
  });

  it("ignores events the current phase does not expect", () => {
    const think = opened();
    for (const event of [
      { type: "stopRequested" },
      { type: "answerStored" },
      { type: "next", now: NOW },
      { type: "recordingStarted", take: 0, now: NOW },
      { type: "answer", index: 1, now: NOW },
      { type: "opened", plan: planResume([], []), resumed: true, now: NOW },
    ] satisfies RoomEvent[])
      expect(roomReducer(think, event)).toBe(think);
    const starting = run(think, { type: "startRequested", rerecord: false });
    expect(roomReducer(starting, { type: "startRequested", rerecord: true })).toBe(starting);
    expect(roomReducer(starting, { type: "next", now: NOW })).toBe(starting);
  });
});
