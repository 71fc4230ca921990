import { flagPositionMs } from "@/lib/observation/flags";
import type { SessionDetail, SessionSummary } from "./sessions";

// The API shapes of sessions under review (snake_case, ISO-8601 UTC times). The dashboard renders the same shapes.

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Where a ready answer's recording streams from (Bearer or the dashboard cookie; Range requests welcome). */
export const recordingPath = (sessionId: string, questionIndex: number) =>
  `/api/interviewer/sessions/${sessionId}/recordings/${questionIndex}`;

export function toSessionSummaryJson(s: SessionSummary) {
  return {
    id: s.id,
    candidate_name: s.candidateName,
    candidate_email: s.candidateEmail,
    status: s.status,
    attempt_number: s.attemptNumber,
    started_at: s.startedAt.toISOString(),
    ended_at: iso(s.endedAt),
    duration_ms: s.durationMs,
    answers_ready: s.answersReady,
    question_count: s.questionCount,
    live: s.live,
    current_question: s.currentQuestion,
  };
}

export function toSessionDetailJson(s: SessionDetail) {
  const recordingOf = (questionIndex: number | null) => {
    const r = questionIndex === null ? undefined : s.answers[questionIndex]?.recording;
    return r && r.status === "ready" ? { ready_at: iso(r.readyAt), duration_ms: r.durationMs } : null;
  };
  return {
    id: s.id,
    interview_id: s.interviewId,
    interview_title: s.interviewTitle,
    candidate_name: s.candidateName,
    candidate_email: s.candidateEmail,
    status: s.status,
    attempt_number: s.attemptNumber,
    started_at: s.startedAt.toISOString(),
    ended_at: iso(s.endedAt),
    duration_ms: s.durationMs,
    last_activity_at: s.lastActivityAt.toISOString(),
    live: s.live,
    candidate_in_room: s.candidateInRoom,
    current_question: s.currentQuestion,
    question_count: s.questionCount,
    answers: s.answers.map(({ answer, question, recording: r }) => ({
      answer,
      question: {
        text: question.text,
        think_time_seconds: question.think_time_seconds,
        time_limit_seconds: question.time_limit_seconds,
      },
      recording: r && {
        status: r.status,
        mime_type: r.mimeType,
        size_bytes: r.sizeBytes,
        sha256: r.sha256,
        duration_ms: r.durationMs,
        ready_at: iso(r.readyAt),
        take: r.take,
        retakes_used: r.retakesUsed,
        url: r.status === "ready" ? recordingPath(s.id, answer) : null,
      },
    })),
    consent: s.consent && {
      version: s.consent.version,
      accepted_at: s.consent.acceptedAt.toISOString(),
      statement: s.consent.statement,
      ip_address: s.consent.ipAddress,
      user_agent: s.consent.userAgent,
    },
    // Observers' flags; position_ms places one on its answer's recording (null when it cannot be placed).
    flags: s.flags.map((f) => ({ ...f, position_ms: flagPositionMs(f.created_at, recordingOf(f.answer)) })),
    // What the live relay (LiveKit) reported about the session's video room; empty in local mode.
    relay_activity: s.relayActivity,
    // Transcripts, the AI evaluation's versions and where each job stands; the scores are advice (people decide).
    // Under blind review `ai.scores_hidden` is true and the versions carry no scores, evidence or summary until the
    // viewer submits their scorecard.
    ai: s.ai,
    receipt: s.receipt,
  };
}

export type SessionSummaryJson = ReturnType<typeof toSessionSummaryJson>;
export type SessionDetailJson = ReturnType<typeof toSessionDetailJson>;
