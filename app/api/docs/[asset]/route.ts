// GET /api/docs/{asset}: anyone. The reference page's script and styles (swagger-ui-dist) and its init script.
import { notFound } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api-handler";
import { docsAsset, isDocsAsset, withDocsHeaders } from "@/lib/openapi/docs-page";

const serve = apiRoute<{ asset: string }>(async (_request, { params }) => {
  if (!isDocsAsset(params.asset)) throw notFound("Asset");
  return docsAsset(params.asset);
});

export const GET = async (request: Request, context: Parameters<typeof serve>[1]) =>
  withDocsHeaders(await serve(request, context));
