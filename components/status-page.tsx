import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import styles from "./status-page.module.css";

interface StatusPageProps {
  code: string;
  title: string;
  text: string;
  link: { href: string; label: string };
}

/** A full-page explanation for an HTTP error (403, 404) with one way forward. */
export function StatusPage({ code, title, text, link }: StatusPageProps) {
  return (
    <main className={styles.main}>
      <div className={styles.panel}>
        <p className={styles.code}>Error {code}</p>
        <h1>{title}</h1>
        <p className="muted">{text}</p>
        <Link href={link.href} className={buttonClass("primary")}>
          {link.label}
        </Link>
      </div>
    </main>
  );
}
