"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { BulkLink, BulkPreview, MintedInvite } from "@/components/invites/types";
import { publicBaseUrl } from "@/lib/http/params";
import { formAction } from "@/lib/http/server-action";
import { bulkMint, linksCsv, parseInviteCsv } from "@/lib/invites/bulk";
import { revokeInvite, updateInvite } from "@/lib/invites/manage";
import { mintInvite } from "@/lib/invites/mint";
import { resendInvite } from "@/lib/invites/resend";
import { interviewUrl } from "@/lib/invites/serialize";
import { parseMintForm } from "@/lib/invites/mint-form";
import { withPayload, type PayloadState } from "./action-result";

// Invite management from the interview page. formAction checks the role; lib/invites checks that the actor manages
// this interview (a team lead only their own) and writes the audit rows.

const pathOf = (interviewId: string) => `/dashboard/interviews/${interviewId}`;
// Emails are sent by a job after the request: say where the email is, never that it was sent.
const EMAIL_STATE: Record<NonNullable<MintedInvite["delivery"]>, string> = {
  queued: "is queued for sending",
  outbox: "waits in the Outbox",
};
const Ids = { interviewId: z.uuid(), tokenId: z.uuid() };
// The mint form's own fields are parsed by lib/invites/mint-form (the same schema as the API's body).
const MintForm = z.object({ interviewId: z.uuid() }).loose();

const mint = formAction(MintForm, "interviews.create", async ({ interviewId, ...form }, { user, meta }) => {
  const body = parseMintForm(form);
  const baseUrl = publicBaseUrl(await headers());
  const minted = await mintInvite({ actor: user, interviewId, data: body, meta, baseUrl });
  revalidatePath(pathOf(interviewId));
  const result: MintedInvite = {
    url: interviewUrl(baseUrl, minted.value),
    email: minted.token.candidateEmail,
    delivery: minted.delivery,
  };
  return JSON.stringify(result);
});

export async function mintInviteAction(
  _previous: PayloadState<MintedInvite>,
  formData: FormData,
): Promise<PayloadState<MintedInvite>> {
  return withPayload<MintedInvite>(mint, formData, (m) =>
    m.email ? `Invite created; the email to ${m.email} ${EMAIL_STATE[m.delivery ?? "outbox"]}.` : "Invite created.",
  );
}

export const revokeInviteAction = formAction(
  z.object(Ids),
  "interviews.create",
  async ({ interviewId, tokenId }, { user, meta }) => {
    await revokeInvite({ actor: user, interviewId, tokenId, meta });
    revalidatePath(pathOf(interviewId));
    return "Invite revoked: the link no longer works, and an interview in progress has ended (its answers are kept).";
  },
);

const ExtendForm = z.object({ ...Ids, extend: z.enum(["day", "attempt"]) });

export const extendInviteAction = formAction(
  ExtendForm,
  "interviews.create",
  async ({ interviewId, tokenId, extend }, { user, meta }) => {
    // "+24 h" pushes back the current expiry (or now, once expired), under the invite's row lock.
    const data = extend === "day" ? { extend_hours: 24 } : { add_attempts: 1 };
    await updateInvite({ actor: user, interviewId, tokenId, data, meta });
    revalidatePath(pathOf(interviewId));
    return extend === "day" ? "Added 24 hours to the invite." : "Added one attempt.";
  },
);

export const resendInviteAction = formAction(
  z.object(Ids),
  "interviews.create",
  async ({ interviewId, tokenId }, { user, meta }) => {
    const sent = await resendInvite({
      actor: user,
      interviewId,
      tokenId,
      meta,
      baseUrl: publicBaseUrl(await headers()),
    });
    revalidatePath(pathOf(interviewId));
    return `A new link was made for ${sent.token.candidateEmail}; the email ${EMAIL_STATE[sent.delivery ?? "outbox"]}. The previous link no longer works.`;
  },
);

const CsvForm = z.object({
  interviewId: z.uuid(),
  csv: z.string().max(1_000_000, "The file is too large").default(""),
});

// Nothing is created here: the preview only parses, with the same rules as the real upload.
const preview = formAction(CsvForm, "interviews.create", async ({ csv }) => {
  const { rows, problems } = parseInviteCsv(csv);
  const result: BulkPreview = { rows, problems };
  return JSON.stringify(result);
});

export async function previewBulkAction(
  _previous: PayloadState<BulkPreview>,
  formData: FormData,
): Promise<PayloadState<BulkPreview>> {
  return withPayload<BulkPreview>(preview, formData, (p) =>
    p.problems.length
      ? `Found ${p.problems.length} problem(s); fix the file and preview again.`
      : `${p.rows.length} invite(s) ready to create.`,
  );
}

const createBulk = formAction(CsvForm, "interviews.create", async ({ interviewId, csv }, { user, meta }) => {
  const links = await bulkMint({ actor: user, interviewId, csv, meta, baseUrl: publicBaseUrl(await headers()) });
  revalidatePath(pathOf(interviewId));
  const result: BulkLink = {
    count: links.length,
    emailsQueued: links.filter((l) => l.email_delivery === "queued").length,
    emailsInOutbox: links.filter((l) => l.email_delivery === "outbox").length,
    csv: linksCsv(links),
    links: links.map((l) => ({ line: l.line, name: l.candidate_name, email: l.candidate_email, url: l.interview_url })),
  };
  return JSON.stringify(result);
});

export async function createBulkAction(
  _previous: PayloadState<BulkLink>,
  formData: FormData,
): Promise<PayloadState<BulkLink>> {
  return withPayload<BulkLink>(
    createBulk,
    formData,
    (b) => `Created ${b.count} invite(s)${bulkEmails(b)}. Download the links now: they are not shown again.`,
  );
}

function bulkEmails(b: BulkLink): string {
  if (b.emailsQueued > 0)
    return `; ${b.emailsQueued} email(s) queued for sending in the background (the Outbox shows each one's delivery)`;
  return b.emailsInOutbox > 0 ? `; ${b.emailsInOutbox} email(s) wait in the Outbox` : "";
}
