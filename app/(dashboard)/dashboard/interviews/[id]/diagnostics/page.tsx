import type { Metadata } from "next";
import Link from "next/link";
import { DiagnosticsTable } from "@/components/invites/diagnostics-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { interviewInviteDiagnostics } from "@/lib/invites/diagnostics";
import { first, pageNumber, type SearchParams } from "../../../search-params";
import { loadInterview } from "../../load-interview";

export const metadata: Metadata = { title: "Invite diagnostics" };

const PAGE_SIZE = 50; // invites per page

export default async function DiagnosticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requirePermission("invites.diagnostics");
  const { interview } = await loadInterview(viewer, (await params).id);
  const page = pageNumber.parse(first((await searchParams).page));
  const report = await interviewInviteDiagnostics({
    companyId: viewer.companyId,
    interviewId: interview.id,
    skip: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
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
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={report.total}
        basePath={`/dashboard/interviews/${interview.id}/diagnostics`}
      />
    </>
  );
}
