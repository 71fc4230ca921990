import "server-only";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Runs a board or comparison loader for a page: a malformed or unknown id is the 404 page, a refusal the 403 one. */
export async function forPage<T>(interviewId: string, load: () => Promise<T>): Promise<T> {
  if (!z.uuid().safeParse(interviewId).success) notFound();
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
