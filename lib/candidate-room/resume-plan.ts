import type { StoredAnswer } from "@/lib/candidate-sessions/started-session";
import type { TakeRecord } from "./chunk-store";

// Where the room picks up when it opens (a new attempt or a resume), from what the server holds and what this
// browser's chunk store kept. Pure: the room reads the store, asks for a plan, then carries it out.

/** The take an answer is on, as far as this browser knows. */
export interface TakeInfo {
  take: number;
  /** No chunk of this take exists anywhere, so recording can start on it without asking the server for a new take. */
  fresh: boolean;
}

export interface TakeKey {
  questionIndex: number;
  take: number;
}

export interface ResumePlan {
  /** Takes cut off mid-answer (never finished, never verified): they can never be finalized, so they are dropped. */
  discard: TakeKey[];
  /**
   * The newest take of every answer the server or this browser knows. None is fresh: chunks of it may exist on the
   * server, so recording it again asks the server for a new take. Answers missing here start on a fresh take 0.
   */
  takes: Map<number, TakeInfo>;
  /** Answers already given: ready on the server, or a finished take kept here that was not refused. */
  answered: Set<number>;
  /** Kept takes still on their way to the server (neither verified nor refused). */
  uploading: number;
}

export function planResume(serverAnswers: readonly StoredAnswer[], localTakes: readonly TakeRecord[]): ResumePlan {
  const cutOff = (t: TakeRecord) => !t.finished && !t.finalized;
  const kept = localTakes.filter((t) => !cutOff(t));
  const takes = new Map<number, TakeInfo>();
  for (const a of serverAnswers) takes.set(a.answer, { take: a.take, fresh: false });
  // A discarded take still counts: the server may hold chunks of it, so the next take must be a newer one.
  for (const t of localTakes) {
    const known = takes.get(t.questionIndex);
    if (!known || known.take < t.take) takes.set(t.questionIndex, { take: t.take, fresh: false });
  }
  return {
    discard: localTakes.filter(cutOff).map((t) => ({ questionIndex: t.questionIndex, take: t.take })),
    takes,
    answered: new Set([
      ...serverAnswers.filter((a) => a.status === "ready").map((a) => a.answer),
      ...kept.filter((t) => !t.failed).map((t) => t.questionIndex),
    ]),
    uploading: kept.filter((t) => !t.finalized && !t.failed).length,
  };
}
