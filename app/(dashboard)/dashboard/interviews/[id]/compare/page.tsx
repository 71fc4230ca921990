import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { CompareView } from "@/components/board/compare-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { loadBoardInterview } from "@/lib/board/board";
import { compareBoardSessions } from "@/lib/board/compare";
import { COMPARE_MAX, COMPARE_MIN } from "@/lib/board/query";
import { AppError } from "@/lib/errors";
import type { SearchParams } from "../../../search-params";
import { forPage } from "../board/load-board";

export const metadata: Metadata = { title: "Compare candidates" };

const sessionIdsOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requirePermission("board.view");
  const { id } = await params;
  const ids = sessionIdsOf((await searchParams).s);
  const interview = await forPage(id, () => loadBoardInterview({ viewer, interviewId: id }));
  const board = `/dashboard/interviews/${interview.id}/board`;

  // A hand-edited address (a wrong count, a foreign or unfinished session) gets a message, not an error page.
  let problem: string | null = null;
  let comparison = null;
  if (!ids.every((s) => z.uuid().safeParse(s).success)) problem = "The address names a session that does not exist.";
  else {
    try {
      comparison = await compareBoardSessions({ viewer, interviewId: interview.id, sessionIds: ids });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
      problem = error.message;
    }
  }

  return (
    <>
      <p>
        <Link href={board}>← Candidate board</Link>
      </p>
      <PageHeader
        title={comparison ? `Comparing ${comparison.candidates.length} candidates` : "Compare candidates"}
        description={`${interview.title} · question by question. The AI's scores are advice; people decide.`}
      />
      {problem ? (
        <div role="alert" className="stack">
          <p>{problem}</p>
          <p>
            Pick {COMPARE_MIN} to {COMPARE_MAX} candidates who completed this interview on the{" "}
            <Link href={board}>candidate board</Link>, then choose “Compare selected”.
          </p>
        </div>
      ) : (
        comparison && <CompareView comparison={comparison} />
      )}
    </>
  );
}
