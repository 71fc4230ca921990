import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { AppError } from "@/lib/errors";
import { toSessionDetailJson } from "@/lib/review/serialize";
import { reviewSessionDetail } from "@/lib/review/sessions";

/** The session under review, or the 404 page (also for a malformed id or another interview's session) or the 403 one. */
export async function loadSession(viewer: SignInContext, interviewId: string, sessionId: string) {
  if (!z.uuid().safeParse(sessionId).success) notFound();
  try {
    const session = toSessionDetailJson(await reviewSessionDetail({ viewer, sessionId }));
    if (session.interview_id !== interviewId) notFound();
    return session;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
