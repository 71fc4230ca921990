import type { Role } from "@/lib/users/roles";

export const ROLE_LABELS: Record<Role, string> = {
  EMPLOYEE: "Employee",
  TEAM_LEAD: "Team lead",
  HR: "HR",
  ADMIN: "Admin",
};

/** "Ada Admin", or the email address for accounts created without a name. */
export function displayName(user: { firstName: string | null; lastName: string | null; email: string }): string {
  return [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email;
}

/** Role choices for selects, in order of increasing access. */
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));
