import type { BadgeTone } from "@/components/ui/badge";
import type { InterviewStatus } from "@/lib/interviews/status";
import type { InviteStatus } from "@/lib/invites/status";

export const INTERVIEW_STATUS_LABELS: Record<InterviewStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: "Draft", tone: "neutral" },
  active: { label: "Active", tone: "success" },
  archived: { label: "Archived", tone: "warning" },
};

export const INVITE_STATUS_LABELS: Record<InviteStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "primary" },
  in_progress: { label: "In progress", tone: "warning" },
  completed: { label: "Completed", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  attempts_exhausted: { label: "No attempts left", tone: "neutral" },
  revoked: { label: "Revoked", tone: "danger" },
};

/** "2 min" / "1 min 30 s": answer and think times as people say them. */
export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
