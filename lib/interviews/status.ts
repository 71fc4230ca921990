// The interview statuses, for what parses them at the edge (a route's `?status=`) and for client components: db/enums.ts
// is their one definition.
export { INTERVIEW_STATUSES, type InterviewStatus } from "@/db/enums";
