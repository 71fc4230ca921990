// GET /api/v1/auth/sessions?skip=0&limit=20: any signed-in API client (Bearer). The caller's own live sign-in sessions,
// browser and API, the one in use flagged `current`.
import { listSignInSessions } from "@/lib/auth/manage-sessions";
import { toSessionJson } from "@/lib/auth/session-json";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery } from "@/lib/http/pagination";
import { parseOrThrow } from "@/lib/http/validation";

export const GET = authedApiRoute(async (request, { auth }) => {
  const page = parseOrThrow(PageQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { sessions, total } = await listSignInSessions({ actor: auth, ...page });
  return json(sessions.map(toSessionJson), { headers: { "x-total-count": String(total) } });
});
