// GET /api/interviewer/sessions/{sessionId}/report?tz=<IANA zone>: the candidate report as a PDF download, for HR,
// ADMIN and the TEAM_LEAD who owns the interview (own company); 409 session_not_completed before the session ends.
// Blind review applies; audited (REPORT_EXPORTED). The dashboard links here with its cookie.
import { authedApiRoute } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { exportCandidateReport } from "@/lib/reports/export-report";
import { ReportQuery } from "@/lib/reports/schemas";

export const GET = authedApiRoute<{ sessionId: string }>(
  async (request, { auth, params }) => {
    const sessionId = uuidParam(params.sessionId, "Session");
    const { tz } = parseOrThrow(ReportQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { pdf, filename } = await exportCandidateReport({
      viewer: auth,
      sessionId,
      timeZone: tz,
      meta: requestMeta(request.headers),
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        "content-length": String(pdf.length),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { webSession: true, permission: "recordings.view" },
);
