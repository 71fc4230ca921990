import type { Metadata } from "next";
import { ErasureRequestsTable } from "@/components/erasure/erasure-requests-table";
import type { ErasureRow } from "@/components/erasure/types";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { listErasureRequests } from "@/lib/erasure/queries";
import { first, pageNumber, type SearchParams } from "../search-params";
import { eraseAction } from "./actions";

export const metadata: Metadata = { title: "Erasure requests" };

const PAGE_SIZE = 25; // requests per page

export default async function ErasurePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("erasure.manage");
  const page = pageNumber.parse(first((await searchParams).page));
  const { items, total } = await listErasureRequests(viewer, { skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const requests: ErasureRow[] = items.map((row) => ({
    id: row.request.id,
    interviewId: row.interviewId,
    interviewTitle: row.interviewTitle,
    candidate: row.candidateName ?? row.candidateEmail,
    status: row.request.status,
    requestedAt: row.request.createdAt.toISOString(),
    completedAt: row.request.completedAt?.toISOString() ?? null,
    completedBy: row.completedByEmail,
    summary: row.request.summary ?? null,
  }));
  return (
    <>
      <PageHeader
        title="Erasure requests"
        description="Candidates asking, from their invitation link, for their recordings and personal data to be deleted (their right under GDPR art. 17). Erasing deletes every recording of the invite and removes the candidate's name and email; the audit log keeps an anonymised record."
      />
      <section aria-labelledby="erasure-heading" className="stack">
        <h2 id="erasure-heading">Requests, pending first</h2>
        <ErasureRequestsTable requests={requests} erase={eraseAction} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/dashboard/erasure" />
      </section>
    </>
  );
}
