import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { actionLabel } from "@/components/audit/audit-labels";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { companyAuditLog } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/dal";
import { companyUsers } from "@/lib/users/queries";
import type { SearchParams } from "../search-params";
import { hasFilters, parseAuditQuery } from "./audit-query";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50; // entries per page
const USER_CHOICES = 1000; // users offered in the filter; past that, filter by URL

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("audit.read");
  const query = parseAuditQuery(await searchParams);
  const [log, people] = await Promise.all([
    companyAuditLog({
      companyId: viewer.companyId,
      userId: query.user,
      action: query.action,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      page: query.page,
      pageSize: PAGE_SIZE,
    }),
    companyUsers({ companyId: viewer.companyId, skip: 0, limit: USER_CHOICES }),
  ]);
  const filters = { user: query.user, action: query.action, from: query.from, to: query.to };
  const entries = log.items.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() }));

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in and account change in your company, newest first." />
      <AuditFilters
        users={people.items.map((user) => ({ value: user.id, label: user.email }))}
        actions={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))}
        current={filters}
      />
      <AuditTable
        entries={entries}
        empty={
          hasFilters(query) ? (
            <>
              No audit entries match these filters. <Link href="/dashboard/audit">Clear filters</Link>
            </>
          ) : (
            "No audit entries yet."
          )
        }
      />
      <Pagination
        page={query.page}
        pageSize={PAGE_SIZE}
        total={log.total}
        basePath="/dashboard/audit"
        query={filters}
      />
    </>
  );
}
