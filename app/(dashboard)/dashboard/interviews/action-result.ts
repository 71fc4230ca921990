import "server-only";
import type { FormState } from "@/lib/http/server-action";

// formAction (lib/http/server-action.ts) answers a message string. A few actions here must hand structured data back
// (a new id, a link shown once, a CSV preview): their run returns it as JSON, and `withPayload` decodes it, so
// authorization, parsing and AppError handling stay in the one wrapper.

export type PayloadState<T> = FormState & { payload?: T };

type Wrapped = (previous: FormState, formData: FormData) => Promise<FormState>;

export async function withPayload<T>(
  wrapped: Wrapped,
  formData: FormData,
  message: (payload: T) => string,
): Promise<PayloadState<T>> {
  const state = await wrapped({}, formData);
  if (!state.ok || state.message === undefined) return state;
  const payload = JSON.parse(state.message) as T;
  return { ok: true, message: message(payload), payload };
}
