import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { AppError } from "@/lib/errors";
import { interviewWithQuestions } from "@/lib/interviews/queries";

/** The viewer's company's interview with its questions, or the 404 page (also for a malformed id). */
export async function loadInterview(viewer: SignInContext, id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    const { interview, questions } = await interviewWithQuestions({ companyId: viewer.companyId, interviewId: id });
    return { interview, questions };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
