import Link from "next/link";
import { can, type Action } from "@/lib/auth/permissions";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import styles from "./role-overview.module.css";
import { displayName, ROLE_LABELS } from "./user-labels";

interface Capability {
  permission: Action;
  /** A stronger permission whose own card replaces this one. */
  supersededBy?: Action;
  title: string;
  text: string;
  link?: { href: string; label: string };
}

const CAPABILITIES: Capability[] = [
  {
    permission: "users.manage",
    title: "Manage your team",
    text: "Create accounts, change roles, and deactivate people who leave. Deactivation signs them out everywhere at once.",
    link: { href: "/dashboard/users", label: "Manage users" },
  },
  {
    permission: "users.list",
    supersededBy: "users.manage",
    title: "Your team",
    text: "See everyone in your company, their roles, and whether their accounts are active.",
    link: { href: "/dashboard/users", label: "View users" },
  },
  {
    permission: "audit.read",
    title: "Audit log",
    text: "Review sign-ins, failed attempts, and account changes across your company.",
    link: { href: "/dashboard/audit", label: "Open the audit log" },
  },
  {
    permission: "interviews.create",
    title: "Interviews",
    text: "Write structured interviews, invite candidates with personal links, and follow who has started and finished.",
    link: { href: "/dashboard/interviews", label: "Open interviews" },
  },
  {
    permission: "interviews.read",
    supersededBy: "interviews.create",
    title: "Interviews",
    text: "See your company's interviews, their questions and who has been invited.",
    link: { href: "/dashboard/interviews", label: "View interviews" },
  },
];

export function RoleOverview({ user }: { user: SignInContext }) {
  const cards = CAPABILITIES.filter(
    (c) => can(user.role, c.permission) && !(c.supersededBy && can(user.role, c.supersededBy)),
  );
  return (
    <div className={styles.grid}>
      <Card title="Your account">
        <dl className={styles.facts}>
          <dt>Name</dt>
          <dd>{displayName(user)}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Member since</dt>
          <dd>
            <LocalTime iso={user.createdAt} />
          </dd>
        </dl>
      </Card>
      {cards.map((card) => (
        <Card key={card.permission} title={card.title} description={card.text}>
          {card.link && (
            <Link href={card.link.href} className={styles.link}>
              {card.link.label} <span aria-hidden="true">→</span>
            </Link>
          )}
        </Card>
      ))}
    </div>
  );
}
