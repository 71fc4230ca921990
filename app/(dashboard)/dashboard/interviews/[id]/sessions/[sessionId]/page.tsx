import type { Metadata } from "next";
import Link from "next/link";
import { AnswerCard } from "@/components/review/answer-card";
import { AutoRefresh } from "@/components/review/auto-refresh";
import { ConsentRecord } from "@/components/review/consent-record";
import { FlagList } from "@/components/review/flag-list";
import { buttonClass } from "@/components/ui/button";
import { ReceiptTable } from "@/components/review/receipt-table";
import { RelayActivity } from "@/components/review/relay-activity";
import styles from "@/components/review/review.module.css";
import { SessionFacts } from "@/components/review/session-facts";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { loadSession } from "./load-session";

export const metadata: Metadata = { title: "Session" };

const LIVE_REFRESH_S = 10; // seconds between refreshes of a live session's page

export default async function SessionPage({ params }: { params: Promise<{ id: string; sessionId: string }> }) {
  const viewer = await requirePermission("recordings.view");
  const { id, sessionId } = await params;
  const session = await loadSession(viewer, id, sessionId);
  const candidate = session.candidate_name ?? "Unnamed candidate";

  return (
    <>
      <p>
        <Link href={`/dashboard/interviews/${session.interview_id}`}>← {session.interview_title}</Link>
      </p>
      <PageHeader title={`${candidate} · attempt ${session.attempt_number}`} description={session.candidate_email ?? undefined} />
      {session.live && (
        <p className="muted" role="status">
          <AutoRefresh seconds={LIVE_REFRESH_S} />
          The candidate is answering now; this page updates every {LIVE_REFRESH_S} seconds.
        </p>
      )}
      {session.status === "in_progress" && (
        <p>
          <Link href={`/dashboard/interviews/${session.interview_id}/sessions/${session.id}/observe`} className={buttonClass("primary")}>
            Watch live
          </Link>
        </p>
      )}
      <SessionFacts session={session} />
      <section aria-labelledby="answers-heading" className="stack">
        <h2 id="answers-heading">Answers</h2>
        <ol className={styles.answers}>
          {session.answers.map((answer) => (
            <AnswerCard
              key={answer.answer}
              answer={answer}
              current={session.live && session.current_question === answer.answer + 1}
              flags={session.flags.filter((f) => f.answer === answer.answer)}
            />
          ))}
        </ol>
      </section>
      <FlagList flags={session.flags} />
      <RelayActivity activity={session.relay_activity} />
      <ConsentRecord consent={session.consent} />
      <ReceiptTable receipt={session.receipt} />
    </>
  );
}
