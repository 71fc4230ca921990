import type { Metadata } from "next";
import Link from "next/link";
import { LiveBadge } from "@/components/review/live-badge";
import { AutoRefresh } from "@/components/review/auto-refresh";
import { ObserveRoom } from "@/components/observe/observe-room";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { loadSession } from "../load-session";

export const metadata: Metadata = { title: "Watch live" };

const REFRESH_S = 10; // seconds between refreshes of "on question k of n"

/** Silent live observation of one session (HR, ADMIN, and a TEAM_LEAD who owns the interview). */
export default async function ObservePage({ params }: { params: Promise<{ id: string; sessionId: string }> }) {
  const viewer = await requirePermission("recordings.view");
  const { id, sessionId } = await params;
  const session = await loadSession(viewer, id, sessionId);
  const candidate = session.candidate_name ?? "Unnamed candidate";
  const reviewHref = `/dashboard/interviews/${session.interview_id}/sessions/${session.id}`;

  return (
    <>
      <p>
        <Link href={reviewHref}>← Session review</Link>
      </p>
      <PageHeader
        title={`Watching ${candidate}`}
        description={`${session.interview_title} · attempt ${session.attempt_number}`}
      />
      {session.status === "in_progress" ? (
        <>
          <p role="status" className="muted">
            <AutoRefresh seconds={REFRESH_S} />
            {session.live ? (
              <LiveBadge
                currentQuestion={session.current_question}
                questionCount={session.question_count}
                inRoom={session.candidate_in_room === true}
              />
            ) : (
              "The candidate has not been active in the last two minutes."
            )}
          </p>
          <ObserveRoom sessionId={session.id} initialFlags={session.flags} />
        </>
      ) : (
        <p role="status">
          This interview is {session.status === "completed" ? "completed" : "no longer in progress"}, so there is
          nothing to watch live. <Link href={reviewHref}>Open the review</Link> to watch the recordings and see the
          flags.
        </p>
      )}
    </>
  );
}
