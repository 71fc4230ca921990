import type { Role } from "@/lib/users/roles";
import { can, type Action } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
}

const NAV_ITEMS: readonly (NavItem & { permission: Action })[] = [
  { href: "/dashboard", label: "Overview", permission: "dashboard.view" },
  { href: "/dashboard/interviews", label: "Interviews", permission: "interviews.read" },
  { href: "/dashboard/analytics", label: "Analytics", permission: "analytics.company" },
  { href: "/dashboard/outbox", label: "Outbox", permission: "outbox.read" },
  { href: "/dashboard/users", label: "Users", permission: "users.list" },
  { href: "/dashboard/jobs", label: "Failed jobs", permission: "jobs.manage" },
  { href: "/dashboard/erasure", label: "Erasure requests", permission: "erasure.manage" },
  { href: "/dashboard/audit", label: "Audit log", permission: "audit.read" },
  { href: "/dashboard/settings", label: "Settings", permission: "company.holidays" },
];

/** Only the sections the role may open; the pages check the same permissions again on every request. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission)).map(({ href, label }) => ({ href, label }));
}
