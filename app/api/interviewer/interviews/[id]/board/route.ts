// GET /api/interviewer/interviews/{id}/board: HR, ADMIN, and a TEAM_LEAD who owns the interview (own company). The
// ranked board (`?sort&order&decision&review&skip&limit`) as `{items, total}`; with `Accept: text/csv` (or `format=csv`,
// for a plain download link) all of it as CSV (no pagination), audited (BOARD_EXPORTED). 422 on a bad query.
import { boardPage } from "@/lib/board/board";
import { exportBoard } from "@/lib/board/export";
import { BoardQuery } from "@/lib/board/query";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const GET = authedApiRoute<{ id: string }>(
  async (request, { auth, params }) => {
    const interviewId = uuidParam(params.id, "Interview");
    const { searchParams } = new URL(request.url);
    const query = parseOrThrow(BoardQuery, Object.fromEntries(searchParams), "query");
    if (request.headers.get("accept")?.includes("text/csv") || searchParams.get("format") === "csv") {
      const { skip: _skip, limit: _limit, ...filters } = query;
      const { csv, fileName } = await exportBoard({
        viewer: auth,
        interviewId,
        filters,
        meta: requestMeta(request.headers),
      });
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${fileName}"`,
          "cache-control": "no-store",
        },
      });
    }
    const { items, total } = await boardPage({ viewer: auth, interviewId, query });
    return json({ items, total });
  },
  { webSession: true, permission: "board.view" },
);
