import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import type { SessionContext } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { getInterview, getQuestions } from "@/lib/interviews/queries";

/** The viewer's company's interview with its questions, or the 404 page (also for a malformed id). */
export async function loadInterview(viewer: SessionContext, id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  try {
    const interview = await getInterview(db, { companyId: viewer.companyId, interviewId: id });
    const questions = await getQuestions(db, { companyId: viewer.companyId, interviewId: id });
    return { interview, questions };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
