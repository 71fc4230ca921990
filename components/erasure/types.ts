import type { FormState } from "@/lib/http/server-action";

/** An erasure request as the dashboard shows it: plain data for client components. */
export interface ErasureRow {
  id: string;
  interviewId: string;
  interviewTitle: string;
  /** Null once erased (or when the invite had none). */
  candidate: string | null;
  status: "pending" | "completed";
  requestedAt: string;
  completedAt: string | null;
  completedBy: string | null;
  summary: Record<string, number> | null;
}

export type EraseAction = (previous: FormState, data: FormData) => Promise<FormState>;
