// A scorecard's recommendation and per-criterion score, safe for client components (db/enums.ts holds the one
// definition the schema also uses).
export { RECOMMENDATIONS, SCORECARD_STATUSES, type Recommendation, type ScorecardScore } from "@/db/enums";
