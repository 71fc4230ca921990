import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { AnalyticsReportView } from "@/components/analytics/analytics-report";
import { PageHeader } from "@/components/ui/page-header";
import { interviewAnalyticsReport } from "@/lib/analytics/queries";
import { requirePermission } from "@/lib/auth/dal";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Interview analytics" };

/** The interview's analytics, or the 404 page (unknown, malformed or another company's id) or the 403 one. */
async function loadAnalytics(viewer: SignInContext, interviewId: string) {
  if (!z.uuid().safeParse(interviewId).success) notFound();
  try {
    return await interviewAnalyticsReport({ viewer, interviewId });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

export default async function InterviewAnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("recordings.view");
  const report = await loadAnalytics(viewer, (await params).id);
  const interview = report.interview!;
  return (
    <>
      <p>
        <Link href={`/dashboard/interviews/${interview.id}`}>← {interview.title}</Link>
      </p>
      <PageHeader
        title={`Analytics: ${interview.title}`}
        description="How this interview's candidates move from invite to decision, and how the AI's scores compare with the reviewers'."
      />
      <AnalyticsReportView report={report} />
    </>
  );
}
