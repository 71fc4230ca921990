// GET /api/interviewer/interviews/{id}/sessions: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company).
import { z } from "zod";
import { getDb } from "@/db";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/validation";
import { toSessionSummaryJson } from "@/lib/review/serialize";
import { listSessions } from "@/lib/review/sessions";

const ListQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { items, total } = await listSessions(await getDb(), { viewer: auth, interviewId, ...query });
  return json(items.map(toSessionSummaryJson), { headers: { "x-total-count": String(total) } });
});
