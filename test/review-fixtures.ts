import { randomBytes, randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import {
  answerEvaluations,
  evaluations,
  interviewQuestions,
  interviewSessions,
  recordings,
  transcripts,
  type QuestionSnapshot,
} from "@/db/schema";
import type { InterviewActor } from "@/lib/interviews/access";
import { makeInvite } from "./interview-fixtures";

// Completed sessions for the human-review tests (scorecards, decisions, board, reports, analytics), written straight
// into the database: what the candidate room and the AI pipeline would have left behind, without running them. The
// room and the pipeline have their own tests.

export interface AiScore {
  answer: number;
  criterion: string;
  /** 1 to 5; null: the AI found insufficient evidence. */
  score: number | null;
  /** The candidate's words the score cites (also written into that answer's transcript). */
  quote?: string;
}

export interface CompletedSessionInput {
  interviewId: string;
  candidateName?: string;
  candidateEmail?: string;
  /** When the attempt ended (default: now). */
  endedAt?: Date;
  /** The AI's scores (a completed evaluation, version 1); omitted: no evaluation at all. */
  ai?: AiScore[];
  /** The invite's other attempts before this one (a second attempt of the same candidate): pass its token id. */
  tokenId?: string;
  attemptNumber?: number;
}

async function snapshotOf(interviewId: string): Promise<QuestionSnapshot[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(interviewQuestions)
    .where(eq(interviewQuestions.interviewId, interviewId))
    .orderBy(asc(interviewQuestions.position));
  return rows.map((q) => ({
    index: q.position,
    text: q.text,
    think_time_seconds: q.thinkTimeSeconds,
    time_limit_seconds: q.timeLimitSeconds,
    criteria: q.criteria,
  }));
}

/** A completed session of a new invite (or of `tokenId`), with a ready recording per answer and, given `ai`, an evaluation. */
export async function completedSession(actor: InterviewActor, input: CompletedSessionInput) {
  const db = await getDb();
  const tokenId =
    input.tokenId ??
    (
      await makeInvite(actor, input.interviewId, {
        candidate_name: input.candidateName ?? "Casey Candidate",
        candidate_email: input.candidateEmail ?? `casey-${randomUUID()}@example.org`,
      })
    ).token.id;
  const questions = await snapshotOf(input.interviewId);
  const endedAt = input.endedAt ?? new Date();
  const [session] = await db
    .insert(interviewSessions)
    .values({
      companyId: actor.companyId,
      interviewId: input.interviewId,
      tokenId,
      attemptNumber: input.attemptNumber ?? 1,
      status: "completed",
      questions,
      livekitRoom: `interview-${randomUUID()}`,
      resumeTokenHash: randomBytes(32).toString("hex"),
      startedAt: new Date(endedAt.getTime() - 10 * 60_000),
      lastActivityAt: endedAt,
      endedAt,
    })
    .returning();
  const recordingIds = new Map<number, string>();
  for (const q of questions) {
    const [rec] = await db
      .insert(recordings)
      .values({
        companyId: actor.companyId,
        sessionId: session!.id,
        questionIndex: q.index,
        status: "ready",
        mimeType: "video/webm",
        sizeBytes: 1000,
        storageKey: `fixtures/${session!.id}/${q.index}.webm`,
        durationMs: 30_000,
        readyAt: endedAt,
      })
      .returning({ id: recordings.id });
    recordingIds.set(q.index, rec!.id);
  }
  let evaluationId: string | null = null;
  if (input.ai) {
    const scored = input.ai.flatMap((s) => (s.score === null ? [] : [s.score]));
    const [evaluation] = await db
      .insert(evaluations)
      .values({
        companyId: actor.companyId,
        sessionId: session!.id,
        version: 1,
        status: "completed",
        promptVersion: "fixture",
        model: "fixture-model",
        summary: { source: "deterministic", strengths: [], concerns: [] },
        overallScore: scored.length ? scored.reduce((t, v) => t + v, 0) / scored.length : null,
        completedAt: endedAt,
      })
      .returning({ id: evaluations.id });
    evaluationId = evaluation!.id;
    for (const q of questions) {
      const mine = input.ai.filter((s) => s.answer === q.index);
      if (mine.length === 0) continue;
      const text =
        mine
          .map((s) => s.quote ?? "")
          .join(" ")
          .trim() || "I would rather not say.";
      const [transcript] = await db
        .insert(transcripts)
        .values({
          companyId: actor.companyId,
          sessionId: session!.id,
          recordingId: recordingIds.get(q.index)!,
          questionIndex: q.index,
          take: 0,
          engine: "fixture",
          model: "fixture-stt",
          durationMs: 30_000,
          text,
          segments: [{ start: 0, end: 30, text }],
          words: [],
        })
        .returning({ id: transcripts.id });
      const criteria = mine.map((s, i) =>
        s.score === null
          ? {
              criterion: s.criterion,
              status: "insufficient_evidence",
              rationale: "Nothing in the answer speaks to it.",
              reasked: false,
            }
          : {
              criterion: s.criterion,
              status: "scored",
              score: s.score,
              evidence: [{ text: s.quote ?? text, start: 1 + i * 5, end: 4 + i * 5 }],
              rationale: `Scored ${s.score}.`,
              reasked: false,
            },
      );
      await db.insert(answerEvaluations).values({
        companyId: actor.companyId,
        evaluationId,
        questionIndex: q.index,
        transcriptId: transcript!.id,
        criteria,
        promptVersion: "fixture",
        model: "fixture-model",
      });
    }
  }
  return { sessionId: session!.id, tokenId, evaluationId, questions };
}
