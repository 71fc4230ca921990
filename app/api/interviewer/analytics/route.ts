// GET /api/interviewer/analytics: HR and ADMIN. The company's analytics across every interview (lib/analytics), the
// same figures as an interview's.
import { companyAnalyticsReport } from "@/lib/analytics/queries";
import { authedApiRoute, json } from "@/lib/http/api-handler";

export const GET = authedApiRoute(async (_request, { auth }) => json(await companyAnalyticsReport({ viewer: auth })), {
  webSession: true,
  permission: "analytics.company",
});
