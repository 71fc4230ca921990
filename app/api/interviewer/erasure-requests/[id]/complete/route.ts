// POST /api/interviewer/erasure-requests/{id}/complete: HR and ADMIN. Carries out the erasure (deletes the candidate's
// recordings and personal data, anonymises their audit rows); 409 erasure_not_pending the second time.
import { carryOutErasure } from "@/lib/erasure/carry-out";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";

export const POST = authedApiRoute<{ id: string }>(
  async (request, { auth, params }) => {
    const requestId = uuidParam(params.id, "Erasure request");
    const done = await carryOutErasure({ actor: auth, requestId, meta: requestMeta(request.headers) });
    return json({
      id: done.id,
      status: "completed",
      completed_at: done.completedAt.toISOString(),
      summary: done.summary,
    });
  },
  { permission: "erasure.manage" },
);
