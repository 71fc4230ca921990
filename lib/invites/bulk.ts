import "server-only";
import Papa from "papaparse";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { toCsv } from "@/lib/csv/write";
import { deliveryStateOf, sendAllLater } from "@/lib/email/send-later";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import type { ExpiryRuleInput } from "./expiry-choice";
import { insertInvites, invitableInterview } from "./mint";
import { interviewUrl } from "./serialize";
import { MAX_EXPIRY_HOURS } from "./status";

// Bulk invites from a CSV of `name,email[,expires_in_hours,max_attempts]` (a header row is optional). Every row is
// checked first; one bad row means nothing is created, and every problem is reported with its line number.

export const MAX_BULK_ROWS = 500;

const Row = z.object({
  candidate_name: z.string().trim().min(1, "name is required").max(200),
  candidate_email: z.email("email is not a valid address").max(255),
  expires_in_hours: z.coerce
    .number()
    .positive()
    .max(MAX_EXPIRY_HOURS, `expires_in_hours must be at most ${MAX_EXPIRY_HOURS}`)
    .optional(),
  max_attempts: z.coerce.number().int("max_attempts must be a whole number").min(1).max(10).optional(),
});

export interface BulkRow {
  line: number;
  candidate_name: string;
  candidate_email: string;
  expires_in_hours?: number;
  max_attempts?: number;
}

export interface BulkProblem {
  line: number;
  message: string;
}

export function parseInviteCsv(text: string): { rows: BulkRow[]; problems: BulkProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const problems: BulkProblem[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 1, message: e.message }));
  const records = parsed.data.map((cells, index) => ({ cells: cells.map((c) => c.trim()), line: index + 1 }));
  const first = records[0]?.cells;
  const body = first && first[1]?.toLowerCase() === "email" ? records.slice(1) : records;
  if (body.length === 0) problems.push({ line: 1, message: "the file has no invite rows" });
  if (body.length > MAX_BULK_ROWS)
    problems.push({ line: body[MAX_BULK_ROWS]!.line, message: `at most ${MAX_BULK_ROWS} rows per upload` });
  const rows: BulkRow[] = [];
  const seen = new Map<string, number>();
  for (const { cells, line } of body.slice(0, MAX_BULK_ROWS)) {
    if (cells.length < 2 || cells.length > 4) {
      problems.push({
        line,
        message: `expected 2 to 4 columns (name,email[,expires_in_hours,max_attempts]), found ${cells.length}`,
      });
      continue;
    }
    const [name, email, hours, attempts] = cells;
    const result = Row.safeParse({
      candidate_name: name,
      candidate_email: email,
      expires_in_hours: hours || undefined,
      max_attempts: attempts || undefined,
    });
    if (!result.success) {
      problems.push(...result.error.issues.map((i) => ({ line, message: i.message })));
      continue;
    }
    const key = result.data.candidate_email.toLowerCase();
    if (seen.has(key)) problems.push({ line, message: `duplicate email (also on line ${seen.get(key)})` });
    else seen.set(key, line);
    rows.push({ line, ...result.data });
  }
  return { rows, problems };
}

/**
 * Creates one invite per row, all in one transaction, or none. The emails' jobs are enqueued together after the commit
 * (one statement), so 500 rows answer without waiting for any mail server; the emails drain in the background.
 */
export async function bulkMint(input: {
  actor: InterviewActor;
  interviewId: string;
  csv: string;
  /** The expiry of every row that names no hours of its own (default: 72 hours). */
  expiryRule?: ExpiryRuleInput;
  baseUrl: string;
  meta: RequestMeta;
}) {
  const { rows, problems } = parseInviteCsv(input.csv);
  if (problems.length > 0) {
    throw new AppError("VALIDATION", "The file has problems; nothing was created", {
      issues: problems.map((p) => ({ loc: ["file", `line ${p.line}`], msg: p.message, type: "value_error" })),
    });
  }
  const ctx = { actor: input.actor, meta: input.meta, baseUrl: input.baseUrl, now: new Date() };
  const db = await getDb();
  const minted = await db.transaction(async (tx) =>
    insertInvites(
      tx,
      ctx,
      await invitableInterview(tx, input.actor, input.interviewId),
      rows.map((row) =>
        row.expires_in_hours === undefined && input.expiryRule ? { ...row, expiry_rule: input.expiryRule } : row,
      ),
    ),
  );
  await sendAllLater(minted.flatMap((m) => (m.email ? [m.email] : [])));
  return minted.map(({ token, value, email }, i) => ({
    line: rows[i]!.line,
    candidate_name: token.candidateName,
    candidate_email: token.candidateEmail,
    expires_at: token.expiresAt!.toISOString(),
    max_attempts: token.maxAttempts!,
    interview_url: interviewUrl(input.baseUrl, value),
    email_delivery: email ? deliveryStateOf(email) : null,
  }));
}

export function linksCsv(links: Awaited<ReturnType<typeof bulkMint>>): string {
  return toCsv(
    ["candidate_name", "candidate_email", "interview_url", "expires_at", "max_attempts"],
    links.map((l) => [l.candidate_name, l.candidate_email, l.interview_url, l.expires_at, l.max_attempts]),
  );
}
