import { AppHeader } from "@/components/dashboard/app-header";
import styles from "@/components/dashboard/dashboard-shell.module.css";
import { navItemsFor } from "@/components/dashboard/nav-items";
import { SideNav } from "@/components/dashboard/side-nav";
import { requireUser } from "@/lib/auth/dal";
import { signOutAction } from "./actions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // The page itself decides whether a user who must set up two-factor or change an expired password first may see it
  // (lib/auth/dal.ts).
  const user = await requireUser({ mfaSetup: "allow", passwordChange: "allow" });
  return (
    <div className={styles.shell}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader user={user} signOutAction={signOutAction} />
      <div className={styles.body}>
        <SideNav items={navItemsFor(user.role)} />
        <main id="main" tabIndex={-1} className={styles.main}>
          {children}
        </main>
      </div>
    </div>
  );
}
