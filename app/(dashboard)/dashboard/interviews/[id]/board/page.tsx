import type { Metadata } from "next";
import Link from "next/link";
import { BoardFilters } from "@/components/board/board-filters";
import { boardQuery, hrefWith } from "@/components/board/board-labels";
import { BoardTable } from "@/components/board/board-table";
import styles from "@/components/board/board.module.css";
import { CompareForm } from "@/components/board/compare-form";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { boardPage } from "@/lib/board/board";
import type { SearchParams } from "../../../search-params";
import { parseBoardParams } from "./board-params";
import { forPage } from "./load-board";

export const metadata: Metadata = { title: "Candidate board" };

const PAGE_SIZE = 50; // candidates per page

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requirePermission("board.view");
  const { id } = await params;
  const { view, page } = parseBoardParams(await searchParams);
  const { interview, items, total } = await forPage(id, async () =>
    boardPage({ viewer, interviewId: id, query: { ...view, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE } }),
  );
  const base = `/dashboard/interviews/${interview.id}`;
  const basePath = `${base}/board`;
  const filtered = view.review !== "all" || view.decision !== undefined;
  const { page: _page, ...csvQuery } = boardQuery(view);
  const csvHref = hrefWith(`/api/interviewer/interviews/${interview.id}/board`, { ...csvQuery, format: "csv" });
  const empty =
    view.review === "needs_my_review" ? (
      "Nothing needs your review: you have submitted a scorecard for every undecided candidate."
    ) : filtered ? (
      <>
        No candidate matches these filters. <Link href={basePath}>Clear filters</Link>
      </>
    ) : (
      "No candidate has completed this interview yet. Completed interviews show up here, ranked."
    );

  return (
    <>
      <p>
        <Link href={base}>← {interview.title}</Link>
      </p>
      <div className={styles.toolbar}>
        <PageHeader
          title="Candidate board"
          description={`Each candidate's latest completed attempt. The AI's scores are advice; people decide.${interview.blindReview ? " Scores stay hidden on a candidate until you submit your own scorecard." : ""}`}
        />
        {total > 0 && (
          <a href={csvHref} className={buttonClass("secondary", "sm")} download>
            Download CSV
          </a>
        )}
      </div>
      <BoardFilters basePath={basePath} view={view} />
      <CompareForm action={`${base}/compare`}>
        <BoardTable
          interviewId={interview.id}
          basePath={basePath}
          view={view}
          rows={items}
          now={new Date().toISOString()}
          empty={empty}
        />
      </CompareForm>
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        basePath={basePath}
        query={boardQuery(view)}
        label="Board pages"
      />
    </>
  );
}
