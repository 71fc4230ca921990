import {
  type CandidateSession,
  resumeTokenFrom,
  verifyCandidateSession,
} from "@/lib/candidate-sessions/verified-session";
import type { AppError } from "@/lib/errors";
import { type ApiContext, apiRoute } from "./api-handler";
import { uuidParam } from "./params";

// The candidate's session routes (/api/candidates/sessions/{id}/...) are written as
// `candidateSessionRoute(async (req, { session, params }) => json(...))`. The wrapper reads the resume token (401
// without one), then proves the session with it (404 for an unknown id or another session's token, 409 once revoked)
// before the handler parses the rest of its path or its body. What a route checks beyond that (the answer index
// against the questions, the take) stays in the route's lib function.

type Params = Record<string, string | string[] | undefined> & { id: string };

export interface CandidateSessionContext<P extends Params> extends ApiContext<P> {
  session: CandidateSession;
}

export interface CandidateSessionRouteOptions {
  /** The answer for a completed session; default 404, like any other session that has ended. */
  whenCompleted?: () => AppError;
}

export function candidateSessionRoute<P extends Params>(
  handler: (request: Request, ctx: CandidateSessionContext<P>) => Promise<Response>,
  options: CandidateSessionRouteOptions = {},
) {
  return apiRoute<P>(async (request, ctx) => {
    const resumeToken = resumeTokenFrom(request.headers);
    const sessionId = uuidParam(ctx.params.id, "Session");
    const session = await verifyCandidateSession({ sessionId, resumeToken, whenCompleted: options.whenCompleted });
    return handler(request, { ...ctx, session });
  });
}
