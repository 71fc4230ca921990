import type { Metadata } from "next";
import { InterviewForm } from "@/components/interviews/interview-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { createInterviewAction } from "../actions";

export const metadata: Metadata = { title: "New interview" };

export default async function NewInterviewPage() {
  await requirePermission("interviews.create");
  return (
    <>
      <PageHeader
        title="New interview"
        description="Set the questions, their time limits and how answers are scored; you can invite candidates once it is saved."
      />
      <InterviewForm action={createInterviewAction} submitLabel="Create interview" cancelHref="/dashboard/interviews" />
    </>
  );
}
