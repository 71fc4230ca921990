"use server";

import { formAction } from "@/lib/http/server-action";
import { ScorecardForm } from "@/lib/scorecards/schemas";
import { saveDraft, submitScorecard } from "@/lib/scorecards/write";

// The review page's scorecard form: the same rules as PUT .../scorecards/mine and POST .../mine/submit (lib/scorecards
// checks the reviewer's access to the session, the rubric and blind review; the submission is audited there).

export const saveScorecardDraftAction = formAction(
  ScorecardForm,
  "scorecards.write",
  async ({ sessionId, ...body }, { user }) => {
    await saveDraft({ viewer: user, sessionId, body });
    return "Draft saved.";
  },
);

export const submitScorecardAction = formAction(
  ScorecardForm,
  "scorecards.write",
  async ({ sessionId, ...body }, { user, meta }) => {
    const { version, created } = await submitScorecard({ viewer: user, sessionId, body, meta });
    return created
      ? `Scorecard submitted as version ${version}.`
      : `Nothing changed since version ${version}; no new version was recorded.`;
  },
);
