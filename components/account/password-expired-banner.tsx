import styles from "./password-expired-banner.module.css";

/** Why the dashboard sent the user here: their password is older than the company's maximum password age. */
export function PasswordExpiredBanner({ maxDays, ageDays }: { maxDays: number; ageDays: number }) {
  return (
    <div role="note" aria-labelledby="password-expired-title" className={styles.banner}>
      <p id="password-expired-title" className={styles.title}>
        Your password has expired
      </p>
      <p>
        Your company asks for a new password every {maxDays} days; yours is {ageDays} {ageDays === 1 ? "day" : "days"}{" "}
        old. Change it below to continue to the dashboard.
      </p>
    </div>
  );
}
