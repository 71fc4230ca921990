import type { ErasureRequest } from "@/db/schema";

/** What a candidate sees of their request: no personal data, only its state and times. */
export function toCandidateErasureJson(row: ErasureRequest) {
  return {
    id: row.id,
    status: row.status,
    requested_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}

export interface ErasureListRow {
  request: ErasureRequest;
  interviewId: string;
  interviewTitle: string;
  candidateName: string | null;
  candidateEmail: string | null;
  completedByEmail: string | null;
}

/** The staff API shape of a request: the candidate's name and email until the erasure removed them. */
export function toErasureRequestJson(row: ErasureListRow) {
  return {
    id: row.request.id,
    token_id: row.request.tokenId,
    interview_id: row.interviewId,
    interview_title: row.interviewTitle,
    candidate_name: row.candidateName,
    candidate_email: row.candidateEmail,
    status: row.request.status,
    requested_at: row.request.createdAt.toISOString(),
    completed_at: row.request.completedAt?.toISOString() ?? null,
    completed_by: row.request.completedBy,
    summary: row.request.summary ?? null,
  };
}
