import { Pagination } from "@/components/ui/pagination";
import type { SessionSummaryJson } from "@/lib/review/serialize";
import { SessionsTable } from "./sessions-table";

interface SessionsSectionProps {
  interviewId: string;
  sessions: SessionSummaryJson[];
  page: number;
  pageSize: number;
  total: number;
  /** The other lists' page parameters on the interview page, kept by this list's page links. */
  query?: Record<string, string | undefined>;
}

/** The interview page's list of attempts, each linking to its review page. */
export function SessionsSection({ interviewId, sessions, page, pageSize, total, query }: SessionsSectionProps) {
  return (
    <section aria-labelledby="sessions-heading" className="stack">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="muted">Every attempt a candidate started, newest first. Open one to watch its answers.</p>
      <SessionsTable
        interviewId={interviewId}
        sessions={sessions}
        emptyText={total === 0 ? "No one has started this interview yet." : "No sessions on this page."}
      />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        basePath={`/dashboard/interviews/${interviewId}`}
        query={query}
        label="Sessions pages"
      />
    </section>
  );
}
