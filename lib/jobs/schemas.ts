import { z } from "zod";

/** POST /api/jobs/{id}/retry: the body is optional; a reason, when given, goes into the audit row. */
export const RetryBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).optional();
