import Link from "next/link";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import styles from "./dashboard-shell.module.css";
import { displayName, ROLE_LABELS } from "./user-labels";

interface AppHeaderProps {
  user: SignInContext;
  signOutAction: () => Promise<void>;
}

export function AppHeader({ user, signOutAction }: AppHeaderProps) {
  return (
    <header className={styles.header}>
      <Link href="/dashboard" className={styles.brand}>
        <span className={styles.mark} aria-hidden="true">
          AI
        </span>
        AI Interviewer
      </Link>
      <div className={styles.account}>
        <div className={styles.identity}>
          <span className={styles.name}>{displayName(user)}</span>
          <span className={styles.email}>{user.email}</span>
        </div>
        <Badge tone="primary">
          <span className="visually-hidden">Role: </span>
          {ROLE_LABELS[user.role]}
        </Badge>
        <Link href="/dashboard/account/password" className={styles.accountLink}>
          Change password
        </Link>
        <Link href="/dashboard/account/security" className={styles.accountLink}>
          Two-factor sign-in
        </Link>
        <Link href="/dashboard/account/sessions" className={styles.accountLink}>
          Your sessions
        </Link>
        <form action={signOutAction}>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      </div>
    </header>
  );
}
