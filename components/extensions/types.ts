import type { FormState } from "@/lib/http/server-action";

/** An extension request as the interview page shows it; plain data for client components. */
export interface ExtensionRow {
  id: string;
  candidateName: string | null;
  candidateEmail: string | null;
  reason: string;
  status: "pending" | "approved" | "declined";
  requestedAt: string;
  currentExpiresAt: string;
  newExpiresAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export type ExtensionFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface ExtensionActions {
  approve: ExtensionFormAction;
  decline: ExtensionFormAction;
}
