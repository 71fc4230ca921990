import { preflightResponse } from "@/lib/http/cors";

// OPTIONS /api/...: every CORS preflight to the API is rewritten here (next.config.ts: any /api request carrying
// Access-Control-Request-Method), with the original path after /api/cors-preflight. lib/http/cors.ts decides.

export async function OPTIONS(request: Request, { params }: { params: Promise<{ path?: string[] }> }) {
  const { path = [] } = await params;
  return preflightResponse(request.headers.get("origin"), `/api/${path.join("/")}`);
}
