"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formToInterviewBody } from "@/lib/interviews/form-data";
import type { FormState } from "@/lib/http/server-action";
import { formAction } from "@/lib/http/server-action";
import { archiveInterview, createInterview, updateInterview } from "@/lib/interviews/manage";
import { CreateInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { withPayload } from "./action-result";

// Interview writes from the dashboard. formAction checks the role; lib/interviews/manage checks that a team lead
// owns the interview (403) and that it belongs to the company (404), and writes the audit rows.

const INTERVIEWS_PATH = "/dashboard/interviews";

const CreateForm = z.preprocess(formToInterviewBody, CreateInterviewBody);
const UpdateForm = z.object({ interviewId: z.uuid() }).and(z.preprocess(formToInterviewBody, UpdateInterviewBody));

const create = formAction(CreateForm, "interviews.create", async (data, { user, meta }) => {
  const { interview } = await createInterview({ actor: user, data, meta });
  revalidatePath(INTERVIEWS_PATH);
  return JSON.stringify({ id: interview.id });
});

const update = formAction(UpdateForm, "interviews.create", async ({ interviewId, ...data }, { user, meta }) => {
  const { interview } = await updateInterview({ actor: user, interviewId, data, meta });
  revalidatePath(INTERVIEWS_PATH, "layout");
  return JSON.stringify({ id: interview.id });
});

/** Creates the interview and opens its page; on a problem, answers the form's errors. */
export async function createInterviewAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await withPayload<{ id: string }>(create, formData, () => "Interview created.");
  if (state.payload) redirect(`${INTERVIEWS_PATH}/${state.payload.id}`);
  return state;
}

export async function updateInterviewAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await withPayload<{ id: string }>(update, formData, () => "Interview saved.");
  if (state.payload) redirect(`${INTERVIEWS_PATH}/${state.payload.id}`);
  return state;
}

export const archiveInterviewAction = formAction(
  z.object({ interviewId: z.uuid() }),
  "interviews.create",
  async ({ interviewId }, { user, meta }) => {
    await archiveInterview({ actor: user, interviewId, meta });
    revalidatePath(INTERVIEWS_PATH, "layout");
    return "Interview archived. Its links no longer start new attempts; answers already recorded are kept.";
  },
);
