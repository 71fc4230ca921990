import { z } from "zod";

/** `?skip&limit` of the list endpoints (with `X-Total-Count`); `max` bounds a page. */
export const pageQuery = (max = 100) =>
  z.object({
    skip: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(max).default(20),
  });

export const PageQuery = pageQuery();
