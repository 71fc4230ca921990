"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { carryOutErasure } from "@/lib/erasure/carry-out";
import { formAction } from "@/lib/http/server-action";

// HR and ADMIN carry out a candidate's erasure request; lib/erasure scopes it to the company and audits it.

const ERASURE_PATH = "/dashboard/erasure";

const EraseForm = z.object({ requestId: z.uuid("Unknown erasure request") });

export const eraseAction = formAction(EraseForm, "erasure.manage", async (data, { user, meta }) => {
  const done = await carryOutErasure({ actor: user, requestId: data.requestId, meta });
  revalidatePath(ERASURE_PATH);
  const { recordings, sessions } = done.summary;
  return `Erased: ${recordings} ${recordings === 1 ? "recording" : "recordings"} of ${sessions} ${sessions === 1 ? "attempt" : "attempts"} deleted, and the candidate's personal details removed.`;
});
