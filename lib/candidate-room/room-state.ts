import type { CandidateQuestion, StartedSession } from "@/lib/candidate-sessions/started-session";
import type { ResumePlan, TakeInfo } from "./resume-plan";
import type { UploaderSnapshot } from "./uploader";

// The question room as a state machine: what the candidate sees (the phase) and the events that move it. The room
// component does the I/O (the recorder, the chunk store, the server) and dispatches what happened; this reducer decides
// what follows. Pure: time comes in on the events, and an event the current phase does not expect changes nothing.

export const DEFAULT_THINK_SECONDS = 5;

export type RoomPhase =
  /** Reading the browser's store to see where to pick up. */
  | { name: "loading" }
  /** The question is asked; recording starts when the countdown ends (endsAt null: only the button starts it). */
  | { name: "think"; index: number; endsAt: number | null }
  /** Asking the server for a new take and opening the recorder; the candidate still sees the `from` view. */
  | { name: "starting"; index: number; from: "think" | "saved"; rerecord: boolean }
  | { name: "recording"; index: number; take: number; endsAt: number }
  /** The recorder is writing its last chunk to the store. */
  | { name: "saving"; index: number; take: number }
  /** The answer is stored on the device; its upload shows beside it. */
  | { name: "saved"; index: number }
  /** Every answer is given or skipped: waiting for the uploads, then completing. */
  | { name: "finishing" };

export interface RoomState {
  questions: readonly CandidateQuestion[];
  retakesAllowed: number;
  /** Answers the server had verified when the room opened. */
  serverReady: ReadonlySet<number>;
  phase: RoomPhase;
  takes: ReadonlyMap<number, TakeInfo>;
  retakesUsed: ReadonlyMap<number, number>;
  /** Answers whose cut-off takes were restarted as often as the server allows (free_retakes_exhausted): skipped. */
  lockedOut: ReadonlySet<number>;
  uploads: UploaderSnapshot;
  notice: string | null;
  problem: string | null;
}

export type RoomEvent =
  /** The store was read and the cut-off takes dropped: start at the first answer not yet given. */
  | { type: "opened"; plan: ResumePlan; resumed: boolean; now: number }
  | { type: "uploads"; snapshot: UploaderSnapshot }
  /** From the finish list: answer (or record again) this question. */
  | { type: "answer"; index: number; now: number }
  | { type: "startRequested"; rerecord: boolean }
  | { type: "retakeRefused"; code: string; detail: string | null }
  | { type: "retakeGranted"; retakesUsed?: number }
  /** The take the recording goes to, before anything of it is stored. */
  | { type: "takeReserved"; take: number }
  | { type: "recordingStarted"; take: number; now: number }
  | { type: "startFailed"; offline: boolean }
  /** The session was withdrawn while starting: nothing more will happen here. */
  | { type: "startAbandoned" }
  | { type: "stopRequested" }
  | { type: "nothingRecorded"; now: number }
  | { type: "answerStored" }
  | { type: "storeFailed" }
  | { type: "next"; now: number };

export function initialRoomState(
  session: Pick<StartedSession, "questions" | "retakes_allowed" | "answers" | "attempt_number">,
  startedOver = false,
): RoomState {
  return {
    questions: session.questions,
    retakesAllowed: session.retakes_allowed,
    serverReady: new Set(session.answers.filter((a) => a.status === "ready").map((a) => a.answer)),
    phase: { name: "loading" },
    takes: new Map(),
    retakesUsed: new Map(session.answers.map((a) => [a.answer, a.retakes_used])),
    lockedOut: new Set(),
    uploads: { answers: new Map(), offline: false },
    notice: startedOver
      ? `Attempt ${session.attempt_number} has started from the first question; the attempt you started before has ended.`
      : null,
    problem: null,
  };
}

const think = (state: RoomState, index: number, now: number): RoomState => ({
  ...state,
  problem: null,
  phase: {
    name: "think",
    index,
    endsAt: now + (state.questions[index]!.think_time_seconds ?? DEFAULT_THINK_SECONDS) * 1000,
  },
});

/** Back to what the candidate saw before starting, without a countdown: a refused restart waits for the button. */
const afterFailedStart = (index: number, toSaved: boolean): RoomPhase =>
  toSaved ? { name: "saved", index } : { name: "think", index, endsAt: null };

export function roomReducer(state: RoomState, event: RoomEvent): RoomState {
  const { phase } = state;
  switch (event.type) {
    case "uploads":
      return { ...state, uploads: event.snapshot };
    case "opened": {
      if (phase.name !== "loading") return state;
      const first = state.questions.findIndex((q) => !event.plan.answered.has(q.index));
      const pending = event.plan.uploading;
      const notice = !event.resumed
        ? state.notice
        : first === -1
          ? "Welcome back. All your answers are recorded; we are making sure they are saved."
          : `Welcome back. Your earlier answers are kept${pending ? `, and ${pending} still uploading will finish in the background` : ""}. You are continuing at question ${first + 1} of ${state.questions.length}.`;
      const opened = { ...state, takes: event.plan.takes, notice };
      return first === -1 ? { ...opened, phase: { name: "finishing" } } : think(opened, first, event.now);
    }
    case "answer":
      return phase.name === "finishing" ? think(state, event.index, event.now) : state;
    case "startRequested":
      if (phase.name !== "think" && phase.name !== "saved") return state;
      return { ...state, phase: { name: "starting", index: phase.index, from: phase.name, rerecord: event.rerecord } };
    case "retakeRefused": {
      if (phase.name !== "starting") return state;
      const exhausted = event.code === "free_retakes_exhausted";
      return {
        ...state,
        lockedOut: exhausted ? new Set(state.lockedOut).add(phase.index) : state.lockedOut,
        problem: exhausted
          ? `${event.detail ?? "This answer cannot be restarted again"}. Please continue with the next question.`
          : (event.detail ?? "This answer cannot be recorded again right now."),
        phase: afterFailedStart(phase.index, phase.rerecord || exhausted),
      };
    }
    case "retakeGranted":
      if (phase.name !== "starting" || event.retakesUsed === undefined) return state;
      return { ...state, retakesUsed: new Map(state.retakesUsed).set(phase.index, event.retakesUsed) };
    case "takeReserved":
      if (phase.name !== "starting") return state;
      return { ...state, takes: new Map(state.takes).set(phase.index, { take: event.take, fresh: false }) };
    case "recordingStarted":
      if (phase.name !== "starting") return state;
      return {
        ...state,
        phase: {
          name: "recording",
          index: phase.index,
          take: event.take,
          endsAt: event.now + state.questions[phase.index]!.time_limit_seconds * 1000,
        },
      };
    case "startFailed":
      if (phase.name !== "starting") return state;
      return {
        ...state,
        problem: event.offline
          ? "You seem to be offline. Re-recording needs a connection; try again in a moment."
          : "Recording could not start. Please try again.",
        phase: afterFailedStart(phase.index, phase.rerecord),
      };
    case "startAbandoned":
      return phase.name === "starting"
        ? { ...state, phase: afterFailedStart(phase.index, phase.from === "saved") }
        : state;
    case "stopRequested":
      return phase.name === "recording"
        ? { ...state, phase: { name: "saving", index: phase.index, take: phase.take } }
        : state;
    case "nothingRecorded": {
      if (phase.name !== "saving") return state;
      // The empty take was dropped here and nothing of it reached the server, so it can be recorded again as it is.
      const takes = new Map(state.takes).set(phase.index, { take: phase.take, fresh: true });
      return {
        ...think({ ...state, takes }, phase.index, event.now),
        problem: "Nothing was recorded. Please answer again.",
      };
    }
    case "answerStored":
      return phase.name === "saving" ? { ...state, phase: { name: "saved", index: phase.index } } : state;
    case "storeFailed":
      if (phase.name !== "saving") return state;
      return {
        ...state,
        problem:
          "Your device could not store the recording (it may be out of space). Free some space and record the answer again.",
        phase: { name: "saved", index: phase.index },
      };
    case "next": {
      if (phase.name !== "saved") return state;
      const open = (i: number) => !isAnswered(state, i) && !state.lockedOut.has(i);
      const after = state.questions.findIndex((q) => q.index > phase.index && open(q.index));
      const target = after !== -1 ? after : state.questions.findIndex((q) => open(q.index));
      const moved = { ...state, notice: null };
      return target === -1 ? { ...moved, phase: { name: "finishing" } } : think(moved, target, event.now);
    }
  }
}

/** Given: uploaded or on its way (its upload decides), or else verified on the server when the room opened. */
export function isAnswered(state: Pick<RoomState, "uploads" | "serverReady">, questionIndex: number): boolean {
  const upload = state.uploads.answers.get(questionIndex);
  if (upload) return upload.status !== "failed" && upload.status !== "recording";
  return state.serverReady.has(questionIndex);
}

/** The view the candidate sees: starting shows the view it started from. */
export const viewOf = (phase: RoomPhase) => (phase.name === "starting" ? phase.from : phase.name);

/** The question on screen (the first one while loading; meaningless while finishing). */
export const shownIndex = (phase: RoomPhase) => ("index" in phase ? phase.index : 0);

/** When the running countdown ends (think time or answer time), or null when none runs. */
export const countdownEnd = (phase: RoomPhase) =>
  phase.name === "think" || phase.name === "recording" ? phase.endsAt : null;

export const retakesLeft = (state: RoomState, questionIndex: number) =>
  state.retakesAllowed - (state.retakesUsed.get(questionIndex) ?? 0);

/** After this one, nothing is left to answer: the button says "Finish interview". */
export const isLastQuestion = (state: RoomState, questionIndex: number) =>
  state.questions.every((q) => q.index === questionIndex || isAnswered(state, q.index) || state.lockedOut.has(q.index));

/** Something is recording or not yet on the server: leaving would pause it (nothing is lost). */
export const hasUnsaved = (state: RoomState) =>
  state.phase.name === "recording" ||
  [...state.uploads.answers.values()].some((u) => u.status === "uploading" || u.status === "verifying");
