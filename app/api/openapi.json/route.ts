// GET /api/openapi.json: anyone. The OpenAPI 3.1 document of this API (lib/openapi), built once per process.
import { apiRoute, json } from "@/lib/http/api-handler";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = apiRoute(async () => json(openApiDocument()));
