import Link from "next/link";
import { ROLE_LABELS } from "@/components/dashboard/user-labels";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import { ResetTwoFactorControl } from "./reset-two-factor-control";
import { ClearSsoLinkControl } from "./clear-sso-link-control";
import { RoleForm } from "./role-form";
import type { UserManagementActions, UserRow } from "./types";
import { UserStatusControl } from "./user-status-control";
import styles from "./users.module.css";

interface UsersTableProps {
  users: UserRow[];
  viewerId: string;
  /** Present for admins only; without it the table is read-only. */
  manage?: UserManagementActions;
}

export function UsersTable({ users, viewerId, manage }: UsersTableProps) {
  const columns = manage ? 6 : 5;
  return (
    <Table
      caption="Users in your company"
      head={
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          {manage && <th scope="col">Actions</th>}
        </tr>
      }
    >
      {users.length === 0 && <EmptyRow colSpan={columns}>No users on this page.</EmptyRow>}
      {users.map((user) => {
        const isSelf = user.id === viewerId;
        const selfNoteId = `self-note-${user.id}`;
        return (
          <tr key={user.id}>
            <td>
              <span className={styles.nameCell}>
                {user.name}
                {isSelf && <Badge tone="primary">You</Badge>}
              </span>
            </td>
            <td className={styles.email}>{user.email}</td>
            <td>
              {manage ? (
                <RoleForm user={user} action={manage.changeRole} lockedBy={isSelf ? selfNoteId : undefined} />
              ) : (
                <Badge>{ROLE_LABELS[user.role]}</Badge>
              )}
            </td>
            <td>{user.isActive ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}</td>
            <td className={styles.nowrap}>
              <LocalTime iso={user.createdAt} precision="date" />
            </td>
            {manage && (
              <td>
                {isSelf ? (
                  <p id={selfNoteId} className={styles.selfNote}>
                    This is you: another admin can change your account.
                  </p>
                ) : (
                  <div className={styles.cellStack}>
                    <UserStatusControl user={user} action={manage.setActive} />
                    {manage.resetTwoFactor && <ResetTwoFactorControl user={user} action={manage.resetTwoFactor} />}
                    {manage.clearSsoLink && user.ssoLinked && (
                      <ClearSsoLinkControl user={user} action={manage.clearSsoLink} />
                    )}
                    <Link href={`/dashboard/users/${user.id}/sessions`}>
                      Sessions<span className="visually-hidden"> of {user.email}</span>
                    </Link>
                  </div>
                )}
              </td>
            )}
          </tr>
        );
      })}
    </Table>
  );
}
