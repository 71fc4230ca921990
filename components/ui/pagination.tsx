import Link from "next/link";
import { buttonClass } from "./button";
import styles from "./pagination.module.css";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  /** The other query parameters (filters, another list's page) every page link keeps. */
  query?: Record<string, string | undefined>;
  /** The query parameter holding this list's page, when a page has more than one list. */
  param?: string;
  /** Names the navigation landmark, when a page has more than one list. */
  label?: string;
}

function hrefFor(basePath: string, query: PaginationProps["query"], param: string, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value && key !== param) params.set(key, value);
  if (page > 1) params.set(param, String(page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** "Showing 21–40 of 95" with Previous/Next links; an unavailable direction is shown but not focusable. */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  query,
  param = "page",
  label = "Pagination",
}: PaginationProps) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  const summary =
    page > pages ? `Page ${page} is past the end (${total} in total)` : `Showing ${first}–${last} of ${total}`;
  const link = (target: number, label: string, rel: "prev" | "next", enabled: boolean) =>
    enabled ? (
      <Link href={hrefFor(basePath, query, param, target)} rel={rel} className={buttonClass("secondary", "sm")}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={buttonClass("secondary", "sm")}>
        {label}
      </span>
    );
  return (
    <nav className={styles.pagination} aria-label={label}>
      <p className={styles.summary} aria-live="polite">
        {summary}
      </p>
      <div className={styles.links}>
        {link(Math.min(page - 1, pages), "Previous", "prev", page > 1)}
        <span className={styles.page}>
          Page {page} of {pages}
        </span>
        {link(page + 1, "Next", "next", page < pages)}
      </div>
    </nav>
  );
}
