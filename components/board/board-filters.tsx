import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { BOARD_DECISION_FILTERS, BOARD_REVIEW_FILTERS } from "@/lib/board/query";
import { boardQuery, DECISION_FILTER_LABELS, hrefWith, REVIEW_FILTER_LABELS, type BoardView } from "./board-labels";
import styles from "./board.module.css";

/**
 * The board's views and filters. A plain GET form: the filters live in the URL (bookmarkable, shareable) and work
 * without JavaScript; the sort is kept, the page starts over.
 */
export function BoardFilters({ basePath, view }: { basePath: string; view: BoardView }) {
  const mine = view.review === "needs_my_review";
  const tab = (label: string, current: boolean, href: string) => (
    <li>
      <Link
        href={href}
        className={buttonClass(current ? "primary" : "secondary", "sm")}
        aria-current={current ? "page" : undefined}
      >
        {label}
      </Link>
    </li>
  );
  const { sort, order } = boardQuery(view);
  return (
    <>
      <nav aria-label="Board views">
        <ul className={styles.views}>
          {tab("All candidates", view.review === "all" && !view.decision, basePath)}
          {tab(
            "Needs my review",
            mine,
            hrefWith(basePath, boardQuery({ ...view, decision: undefined, review: "needs_my_review" })),
          )}
        </ul>
      </nav>
      <form role="search" aria-label="Filter candidates" method="get" action={basePath} className={styles.filters}>
        {sort && <input type="hidden" name="sort" value={sort} />}
        {order && <input type="hidden" name="order" value={order} />}
        <SelectField
          label="Decision"
          name="decision"
          defaultValue={view.decision ?? ""}
          options={(["", ...BOARD_DECISION_FILTERS] as const).map((value) => ({
            value,
            label: DECISION_FILTER_LABELS[value],
          }))}
        />
        <SelectField
          label="Review state"
          name="review"
          defaultValue={view.review}
          options={BOARD_REVIEW_FILTERS.map((value) => ({ value, label: REVIEW_FILTER_LABELS[value] }))}
        />
        <div className={styles.filterButtons}>
          <button type="submit" className={buttonClass("primary", "sm")}>
            Apply filters
          </button>
          <Link href={basePath} className={buttonClass("ghost", "sm")}>
            Clear
          </Link>
        </div>
      </form>
    </>
  );
}
