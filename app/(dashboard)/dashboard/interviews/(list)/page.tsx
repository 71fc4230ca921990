import type { Metadata } from "next";
import Link from "next/link";
import { EmptyInterviews } from "@/components/interviews/empty-interviews";
import styles from "@/components/interviews/interviews.module.css";
import { InterviewsTable } from "@/components/interviews/interviews-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { can } from "@/lib/auth/permissions";
import { companyInterviews } from "@/lib/interviews/queries";
import { first, pageNumber, type SearchParams } from "../../search-params";

export const metadata: Metadata = { title: "Interviews" };

const PAGE_SIZE = 20; // rows per page

export default async function InterviewsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("interviews.read");
  const page = pageNumber.parse(first((await searchParams).page));
  const { items, total } = await companyInterviews({
    companyId: viewer.companyId,
    skip: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const canCreate = can(viewer.role, "interviews.create");
  const rows = items.map((i) => ({
    id: i.id,
    title: i.title,
    position: i.position,
    status: i.status,
    createdAt: i.createdAt.toISOString(),
    counts: i.counts,
  }));

  return (
    <>
      <div className={styles.headerRow}>
        <PageHeader
          title="Interviews"
          description="Question sets candidates answer on video, with the people invited to each."
        />
        {canCreate && total > 0 && (
          <Link href="/dashboard/interviews/new" className={buttonClass("primary")}>
            New interview
          </Link>
        )}
      </div>
      {total === 0 ? (
        <EmptyInterviews canCreate={canCreate} />
      ) : (
        <section aria-labelledby="interviews-heading" className="stack">
          <h2 id="interviews-heading">All interviews</h2>
          <InterviewsTable interviews={rows} />
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/dashboard/interviews" />
        </section>
      )}
    </>
  );
}
