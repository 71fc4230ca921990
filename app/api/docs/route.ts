// GET /api/docs: anyone. The API reference page (Swagger UI over /api/openapi.json), served locally.
import { apiRoute } from "@/lib/http/api-handler";
import { docsPage } from "@/lib/openapi/docs-page";

export const GET = apiRoute(async () => docsPage());
