import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { InterviewForm } from "@/components/interviews/interview-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { canManageInterview } from "@/lib/interviews/access";
import { updateInterviewAction } from "../../actions";
import { loadInterview } from "../../load-interview";

export const metadata: Metadata = { title: "Edit interview" };

export default async function EditInterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("interviews.create");
  const { interview, questions } = await loadInterview(viewer, (await params).id);
  if (!canManageInterview(viewer, interview)) forbidden();
  return (
    <>
      <PageHeader
        title={`Edit “${interview.title}”`}
        description="Changes apply to attempts started from now on; answers already recorded keep their questions."
      />
      <InterviewForm
        action={updateInterviewAction}
        submitLabel="Save changes"
        cancelHref={`/dashboard/interviews/${interview.id}`}
        initial={{
          interviewId: interview.id,
          title: interview.title,
          position: interview.position ?? "",
          description: interview.description ?? "",
          retakes_allowed: String(interview.retakesAllowed),
          resume_grace_minutes: String(interview.resumeGraceMinutes),
          practice_question: interview.practiceQuestion ? "on" : "",
          status: interview.status,
          blind_review: interview.blindReview ? "on" : "off",
          decisionEmails: interview.decisionEmails,
          reminder_offsets_hours: interview.reminderOffsetsHours.join(", "),
          questions: questions.map((q) => ({
            text: q.text,
            timeLimit: String(q.timeLimitSeconds),
            thinkTime: q.thinkTimeSeconds === null ? "" : String(q.thinkTimeSeconds),
            criteria: q.criteria,
          })),
          competencies: interview.competencies,
        }}
      />
    </>
  );
}
