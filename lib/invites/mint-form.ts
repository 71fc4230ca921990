import { z } from "zod";
import { AppError } from "@/lib/errors";
import { toValidationIssues } from "@/lib/http/validation";
import { MintInviteBody, type MintInviteInput } from "./schemas";

const EXPIRY_KINDS = ["hours", "at", "business_days", "end_of_day"] as const;

// The dashboard's mint form is flat (one control per value, and a choice of how the invite expires); this turns its
// fields into the API's body, which is then validated by the same schema as POST .../tokens.

const text = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);
const number = text.transform((v) => (v === undefined ? undefined : Number(v)));

const MintFields = z.object({
  candidate_name: text,
  candidate_email: text,
  max_attempts: number,
  expiry_kind: z.enum(EXPIRY_KINDS).catch("hours"),
  expires_in_hours: number,
  expires_at: text,
  days: number,
  date: text,
  time_zone: text,
});

function bodyFromForm(form: Record<string, unknown>): unknown {
  const parsed = MintFields.safeParse(form);
  if (!parsed.success) return form;
  const f = parsed.data;
  const base = { candidate_name: f.candidate_name, candidate_email: f.candidate_email, max_attempts: f.max_attempts };
  switch (f.expiry_kind) {
    case "hours":
      return { ...base, expires_in_hours: f.expires_in_hours };
    case "at":
      return { ...base, expires_at: f.expires_at ?? "" };
    case "business_days":
      return { ...base, expiry_rule: { kind: "business_days", days: f.days, time_zone: f.time_zone } };
    case "end_of_day":
      return { ...base, expiry_rule: { kind: "end_of_day", date: f.date, time_zone: f.time_zone } };
  }
}

const invalid = (issues: ConstructorParameters<typeof AppError>[2]) =>
  new AppError("VALIDATION", "Please correct the highlighted fields", issues);

/**
 * The mint body for the form's fields, checked by the API's own schema. Each issue's last path element is a control's
 * name (candidate_email, expires_in_hours, expires_at, days, date, time_zone), so the error shows beside it.
 */
export function parseMintForm(form: Record<string, unknown>): MintInviteInput {
  if (form.expiry_kind === "at" && !form.expires_at)
    throw invalid({
      issues: [{ loc: ["form", "expires_at"], msg: "Choose the date and time it expires", type: "missing" }],
    });
  const body = bodyFromForm(form);
  const parsed = MintInviteBody.unwrap().safeParse(body);
  if (!parsed.success) throw invalid({ issues: toValidationIssues(parsed.error, body, "form") });
  return parsed.data;
}
