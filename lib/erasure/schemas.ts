import { z } from "zod";

/** POST /api/candidates/invites/erasure-request: the invite link's token is the only credential. */
export const ErasureRequestBody = z.object({ token: z.string().min(1).max(512) });
