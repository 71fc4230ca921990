import type { Metadata } from "next";
import { displayName } from "@/components/dashboard/user-labels";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UsersTable } from "@/components/users/users-table";
import { requirePermission } from "@/lib/auth/dal";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-limits";
import { can } from "@/lib/auth/permissions";
import { companyUsers } from "@/lib/users/queries";
import { first, pageNumber, type SearchParams } from "../search-params";
import { changeUserRoleAction, createUserAction, setUserActiveAction } from "./actions";
import { resetTwoFactorAction } from "./two-factor-actions";
import { clearSsoLinkAction } from "./sso-actions";
import { ssoLinkedUserIds } from "@/lib/auth/sso/identity";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 20; // rows per page

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePermission("users.list");
  const page = pageNumber.parse(first((await searchParams).page));
  const { items, total } = await companyUsers({
    companyId: viewer.companyId,
    skip: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const canManage = can(viewer.role, "users.manage");
  const canClearSso = canManage && can(viewer.role, "company.sso");
  const linked = canClearSso ? await ssoLinkedUserIds(items.map((u) => u.id)) : new Set<string>();
  const rows = items.map((user) => ({
    id: user.id,
    name: displayName(user),
    email: user.email,
    role: user.role,
    isActive: user.isActive,
    createdAt: user.createdAt.toISOString(),
    ssoLinked: linked.has(user.id),
  }));

  return (
    <>
      <PageHeader
        title="Users"
        description={
          canManage
            ? "Create accounts, change roles, and deactivate people who leave."
            : "Everyone with an account in your company."
        }
      />
      {canManage && (
        <CreateUserForm
          action={createUserAction}
          passwordRules={{ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }}
        />
      )}
      <section aria-labelledby="users-heading" className="stack">
        <h2 id="users-heading">All users</h2>
        <UsersTable
          users={rows}
          viewerId={viewer.userId}
          manage={
            canManage
              ? {
                  changeRole: changeUserRoleAction,
                  setActive: setUserActiveAction,
                  resetTwoFactor: can(viewer.role, "company.two_factor") ? resetTwoFactorAction : undefined,
                  clearSsoLink: canClearSso ? clearSsoLinkAction : undefined,
                }
              : undefined
          }
        />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/dashboard/users" />
      </section>
    </>
  );
}
