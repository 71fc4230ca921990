"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { decideExtension } from "@/lib/extensions/decide";
import { publicBaseUrl } from "@/lib/http/params";
import { formAction } from "@/lib/http/server-action";

// Deciding candidates' requests for more time from the interview page. formAction checks the role; lib/extensions
// checks that the actor manages this interview (a team lead only their own) and writes the audit rows.

const EMAIL_STATE = { queued: "is queued for sending", outbox: "waits in the Outbox" } as const;
const Ids = { interviewId: z.uuid(), requestId: z.uuid() };
const note = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .transform((v) => v || undefined);

const emailed = (delivery: "queued" | "outbox" | null) =>
  delivery ? ` The email to the candidate ${EMAIL_STATE[delivery]}.` : " The invite has no email address to tell them.";

export const approveExtensionAction = formAction(
  z.object({
    ...Ids,
    new_expires_at: z.iso.datetime({ offset: true, error: "Choose the new expiry" }),
    note,
  }),
  "interviews.create",
  async ({ interviewId, requestId, new_expires_at: newExpiresAt, note }, { user, meta }) => {
    const { delivery } = await decideExtension({
      actor: user,
      requestId,
      decision: "approve",
      newExpiresAt: new Date(newExpiresAt),
      note,
      baseUrl: publicBaseUrl(await headers()),
      meta,
    });
    revalidatePath(`/dashboard/interviews/${interviewId}`);
    return `Approved: the link works until the new expiry.${emailed(delivery)}`;
  },
);

export const declineExtensionAction = formAction(
  z.object({ ...Ids, note }),
  "interviews.create",
  async ({ interviewId, requestId, note }, { user, meta }) => {
    const { delivery } = await decideExtension({
      actor: user,
      requestId,
      decision: "decline",
      note,
      baseUrl: publicBaseUrl(await headers()),
      meta,
    });
    revalidatePath(`/dashboard/interviews/${interviewId}`);
    return `Declined: the invite keeps its expiry.${emailed(delivery)}`;
  },
);
