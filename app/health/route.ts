// GET /health: anyone (load balancers). 200 when the database and cache answer, 503 otherwise. Never cached.
import { checkHealth } from "@/lib/health/check";
import { apiRoute, json } from "@/lib/http/api-handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const report = await checkHealth();
  return json(report, { status: report.status === "healthy" ? 200 : 503 });
});
