import type { FormState } from "@/lib/http/server-action";

export interface FailedJobRow {
  id: string;
  queue: string;
  /** The payload's fields other than the company (ids of what the job works on). */
  subject: [string, string][];
  error: string | null;
  attempts: number;
  createdAt: string;
  failedAt: string;
}

export type RetryJobAction = (previous: FormState, data: FormData) => Promise<FormState>;
