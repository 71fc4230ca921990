// GET /api/interviewer/interviews/{id}/extension-requests: HR, ADMIN and the TEAM_LEAD who owns the interview. The
// waiting requests for more time (oldest first), then the most recent decided ones.
import { interviewExtensionRequests } from "@/lib/extensions/queries";
import { toExtensionJson } from "@/lib/extensions/serialize";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";

export const GET = authedApiRoute<{ id: string }>(
  async (_request, { auth, params }) => {
    const interviewId = uuidParam(params.id, "Interview");
    const { pending, decided } = await interviewExtensionRequests({ viewer: auth, interviewId });
    return json({ pending: pending.map(toExtensionJson), decided: decided.map(toExtensionJson) });
  },
  { permission: "interviews.create" },
);
