import styles from "@/components/auth/auth-layout.module.css";

/** Pages for people who are not signed in: one centred card on a quiet background. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className={styles.main}>
      <div className={styles.brand}>
        <span className={styles.mark} aria-hidden="true">
          AI
        </span>
        <span>AI Interviewer</span>
      </div>
      {children}
    </main>
  );
}
