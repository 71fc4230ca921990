import { Card } from "@/components/ui/card";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { decisionPanelData } from "@/lib/decisions/panel";
import { DecisionForm } from "./decision-form";
import { DecisionHistory } from "./decision-history";

/**
 * The session's decision on the review page: everyone who may review the session reads it and its history; HR and
 * ADMIN decide once the candidate has completed. Loads its own data, so the page needs only this one element.
 */
export async function DecisionSection({ viewer, sessionId }: { viewer: SignInContext; sessionId: string }) {
  const data = await decisionPanelData({ viewer, sessionId });
  return (
    <Card title="Decision" description="Advance, hold or reject: a person decides; the AI's scores are advice.">
      <DecisionHistory current={data.current} history={data.history} />
      {data.previews ? (
        <DecisionForm
          sessionId={data.sessionId}
          candidateName={data.candidateName ?? "this candidate"}
          candidateEmail={data.candidateEmail}
          previews={data.previews}
        />
      ) : (
        data.mayDecide &&
        !data.completed && (
          <p className="muted">A decision can be made once the candidate has completed the interview.</p>
        )
      )}
    </Card>
  );
}
