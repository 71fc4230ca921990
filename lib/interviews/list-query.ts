import { z } from "zod";
import { INTERVIEW_STATUSES } from "./status";
import { pageQuery } from "@/lib/http/pagination";

/** GET /api/interviewer/interviews: a page of the company's interviews, optionally of one status. */
export const InterviewsQuery = pageQuery().extend({ status: z.enum(INTERVIEW_STATUSES).optional() });
