// GET /api/interviewer/analytics: HR and ADMIN. The company's analytics across every interview (lib/analytics), the
// same figures as an interview's.
import { getDb } from "@/db";
import { companyAnalytics } from "@/lib/analytics/queries";
import { authedApiRoute, json } from "@/lib/http/api-handler";

export const GET = authedApiRoute(async (_request, { auth }) => json(await companyAnalytics(await getDb(), { viewer: auth })), { webSession: true });
