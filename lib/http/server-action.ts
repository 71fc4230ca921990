import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireActionPermission } from "@/lib/auth/dal";
import type { Action } from "@/lib/auth/permissions";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { requestMeta, type RequestMeta } from "./request-meta";

// Server actions are written as `formAction(Schema, "users.manage", async (data, ctx) => "Done")` (after
// saas-starter's validatedActionWithUser). The wrapper authorizes through the DAL, parses FormData with zod and
// turns AppError into inline form state; an unexpected error is logged and shown as a generic message.

export interface FormState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

export interface ActionContext {
  user: SignInContext;
  meta: RequestMeta;
}

function fieldErrorsFrom(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

export function formAction<S extends z.ZodType>(
  schema: S,
  permission: Action,
  run: (data: z.infer<S>, ctx: ActionContext) => Promise<string>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    try {
      const user = await requireActionPermission(permission);
      const parsed = schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success)
        return { error: "Please correct the highlighted fields", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
      const meta = requestMeta(await headers());
      return { ok: true, message: await run(parsed.data, { user, meta }) };
    } catch (error) {
      // redirect(), notFound() and friends are control flow, not failures.
      unstable_rethrow(error);
      if (error instanceof AppError) {
        const fieldErrors = error.extra.issues
          ? Object.fromEntries(error.extra.issues.map((i) => [String(i.loc[i.loc.length - 1]), i.msg]))
          : undefined;
        return { error: error.message, fieldErrors };
      }
      log.error("server action failed", { error });
      return { error: "Something went wrong; nothing was changed. Try again." };
    }
  };
}
