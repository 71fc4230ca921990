import type { NextRequest } from "next/server";
import { handlers, pendingSsoAudits } from "./index";

// Auth.js's routes, waiting for the audit rows of OpenID answers it refused (lib/auth/nextauth/index.ts's logger) so
// the row exists before the browser is redirected.

async function settled(req: NextRequest, response: Response): Promise<Response> {
  const audits = pendingSsoAudits.get(req);
  if (audits) await Promise.allSettled(audits);
  return response;
}

export const GET = async (req: NextRequest) => settled(req, await handlers.GET(req));
export const POST = async (req: NextRequest) => settled(req, await handlers.POST(req));
