// GET /api/v1/users/{userId}/sessions?skip=0&limit=20: ADMIN. The live sign-in sessions of a user of the caller's own company (another
// company's user is a 404).
import { listSignInSessions } from "@/lib/auth/manage-sessions";
import { toSessionJson } from "@/lib/auth/session-json";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery } from "@/lib/http/pagination";
import { uuidParam } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/validation";

export const GET = authedApiRoute<{ userId: string }>(
  async (request, { auth, params }) => {
    const userId = uuidParam(params.userId, "User");
    const page = parseOrThrow(PageQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { sessions, total } = await listSignInSessions({ actor: auth, userId, ...page });
    return json(sessions.map(toSessionJson), { headers: { "x-total-count": String(total) } });
  },
  { permission: "users.manage" },
);
