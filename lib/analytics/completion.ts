// Completion rate by invite age: invites bucketed by how old they are now, and the share of each bucket that
// completed. Young invites have had less time to complete, so this separates "not yet" from "never".

export interface AgeBucket {
  key: string;
  label: string;
  /** Age in whole days, inclusive lower bound. */
  fromDays: number;
  /** Exclusive upper bound; null: no upper bound. */
  toDays: number | null;
}

export const AGE_BUCKETS: readonly AgeBucket[] = [
  { key: "lt1", label: "< 1 day", fromDays: 0, toDays: 1 },
  { key: "1to3", label: "1–3 days", fromDays: 1, toDays: 3 },
  { key: "3to7", label: "3–7 days", fromDays: 3, toDays: 7 },
  { key: "7to14", label: "7–14 days", fromDays: 7, toDays: 14 },
  { key: "gte14", label: "14+ days", fromDays: 14, toDays: null },
];

/** Invites of one age (whole days since the invite was created, by the database clock) and how many completed. */
export interface AgeCount {
  age_days: number;
  invited: number;
  completed: number;
}

export interface AgeBucketRow {
  bucket: string;
  label: string;
  invited: number;
  completed: number;
  /** completed / invited (0-1); null for an empty bucket. */
  rate: number | null;
}

const bucketOf = (ageDays: number) =>
  AGE_BUCKETS.find((b) => ageDays >= b.fromDays && (b.toDays === null || ageDays < b.toDays)) ?? AGE_BUCKETS[0]!;

export function completionByAge(rows: readonly AgeCount[]): AgeBucketRow[] {
  const totals = new Map(AGE_BUCKETS.map((b) => [b.key, { invited: 0, completed: 0 }]));
  for (const row of rows) {
    const total = totals.get(bucketOf(row.age_days).key)!;
    total.invited += row.invited;
    total.completed += row.completed;
  }
  return AGE_BUCKETS.map((b) => {
    const { invited, completed } = totals.get(b.key)!;
    return { bucket: b.key, label: b.label, invited, completed, rate: invited > 0 ? completed / invited : null };
  });
}
