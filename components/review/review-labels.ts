import { durationText } from "@/components/interviews/interview-labels";
import type { BadgeTone } from "@/components/ui/badge";

export type SessionStatus = "in_progress" | "completed" | "abandoned" | "revoked";
export type RecordingStatus = "uploading" | "ready" | "failed";

export const SESSION_STATUS_LABELS: Record<SessionStatus, { label: string; tone: BadgeTone }> = {
  in_progress: { label: "In progress", tone: "warning" },
  completed: { label: "Completed", tone: "success" },
  abandoned: { label: "Abandoned", tone: "neutral" },
  revoked: { label: "Ended: invite revoked", tone: "danger" },
};

export const RECORDING_STATUS_TEXT: Record<RecordingStatus, string> = {
  uploading: "Still uploading: it can be watched once every part has arrived and been checked.",
  ready: "Stored and verified.",
  failed: "The upload failed.",
};

/** "4 min 12 s"; a running session has no duration yet. */
export function durationMsText(ms: number | null): string {
  return ms === null ? "—" : durationText(Math.round(ms / 1000));
}

const UNITS = ["B", "KB", "MB", "GB"] as const;
const BYTES_PER_UNIT = 1024;

/** "912 B", "1.4 MB": sizes as file managers show them. */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= BYTES_PER_UNIT && unit < UNITS.length - 1) {
    value /= BYTES_PER_UNIT;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** The consent statement's parts, in reading order, with the headings the candidate saw them under. */
export const CONSENT_PARTS = [
  ["recorded", "What is recorded"],
  ["viewers", "Who can watch"],
  ["retention", "How long it is kept"],
  ["ai_persona", "The AI interviewer"],
  ["ai_assessment", "AI assessment"],
] as const;
