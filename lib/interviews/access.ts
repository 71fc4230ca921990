import type { Role } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";

export interface InterviewActor {
  userId: string;
  companyId: string;
  role: Role;
}

/** HR and ADMIN manage every interview of their company; a TEAM_LEAD only the ones they created. */
export function canManageInterview(actor: InterviewActor, interview: { createdBy: string }): boolean {
  if (can(actor.role, "interviews.manage_any")) return true;
  return can(actor.role, "interviews.create") && interview.createdBy === actor.userId;
}

export function assertCanManageInterview(actor: InterviewActor, interview: { createdBy: string }): void {
  if (!canManageInterview(actor, interview)) throw forbidden("You can only change interviews you manage");
}
