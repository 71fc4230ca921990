import type { Metadata } from "next";
import Link from "next/link";
import { DiagnosticsTable } from "@/components/invites/diagnostics-table";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/dal";
import { inviteDiagnostics } from "@/lib/tokens/diagnostics";
import { loadInterview } from "../../load-interview";

export const metadata: Metadata = { title: "Invite diagnostics" };

export default async function DiagnosticsPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("invites.diagnostics");
  const { interview } = await loadInterview(viewer, (await params).id);
  const report = await inviteDiagnostics(await getDb(), { companyId: viewer.companyId, interviewId: interview.id });
  return (
    <>
      <p>
        <Link href={`/dashboard/interviews/${interview.id}`}>← {interview.title}</Link>
      </p>
      <PageHeader
        title="Invite diagnostics"
        description="Every number behind each invite's status, judged against the database clock (the one that decides whether a start is accepted). Times are UTC."
      />
      <DiagnosticsTable report={report} />
    </>
  );
}
