import type { Metadata } from "next";
import { FailedJobsTable } from "@/components/jobs/failed-jobs-table";
import type { FailedJobRow } from "@/components/jobs/types";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { companyFailedJobs } from "@/lib/jobs/failed";
import { first, pageNumber, type SearchParams } from "../search-params";
import { retryJobAction } from "./actions";

export const metadata: Metadata = { title: "Failed jobs" };

const PAGE_SIZE = 25; // jobs per page

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("jobs.manage");
  const page = pageNumber.parse(first((await searchParams).page));
  const { items, total } = await companyFailedJobs({
    companyId: viewer.companyId,
    skip: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const jobs: FailedJobRow[] = items.map((job) => ({
    id: job.id,
    queue: job.queue,
    subject: Object.entries(job.payload)
      .filter(([name]) => name !== "company_id")
      .map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]),
    error: job.error,
    attempts: job.retryCount + 1,
    createdAt: job.createdAt.toISOString(),
    failedAt: job.failedAt.toISOString(),
  }));
  return (
    <>
      <PageHeader
        title="Failed jobs"
        description="Background work for your company (transcriptions, AI evaluations) that kept failing after its automatic retries. Fix the cause, then retry the job."
      />
      <section aria-labelledby="failed-jobs-heading" className="stack">
        <h2 id="failed-jobs-heading">Failed jobs, most recent first</h2>
        <FailedJobsTable jobs={jobs} retry={retryJobAction} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/dashboard/jobs" />
      </section>
    </>
  );
}
