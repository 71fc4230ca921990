import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { first, pageNumber, type SearchParams } from "../search-params";

// The audit log's filters as they arrive in the URL. The date bounds are ISO instants: the browser has already
// turned the viewer's calendar days into them, since only it knows the viewer's timezone.

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
// Valid ISO text can still be a date Postgres refuses (year 0000): such a bound is dropped like any other bad one.
const instant = z.iso
  .datetime({ offset: true })
  .refine((v) => {
    const t = new Date(v).getTime();
    return t >= EARLIEST && t <= LATEST;
  })
  .optional()
  .catch(undefined);

const AuditQuery = z.object({
  page: pageNumber,
  user: z.uuid().optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: instant,
  to: instant,
});

export type AuditQuery = z.infer<typeof AuditQuery>;

export function parseAuditQuery(params: SearchParams): AuditQuery {
  return AuditQuery.parse({
    page: first(params.page),
    user: first(params.user),
    action: first(params.action),
    from: first(params.from),
    to: first(params.to),
  });
}

export const hasFilters = (query: AuditQuery): boolean => Boolean(query.user || query.action || query.from || query.to);
