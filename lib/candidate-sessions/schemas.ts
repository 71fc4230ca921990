import { z } from "zod";

// The bodies of the candidate's start-session and complete-session requests (the invite's value is `token`).

export const StartBody = z.object({
  token: z.string().min(1).max(512),
  resume_token: z.string().max(512).optional(),
  // "resume": continue only, never use an attempt. "new": a new attempt, whatever resume token the browser holds.
  // Absent: resume when a resume token is presented (body or cookie), otherwise a new attempt.
  mode: z.enum(["resume", "new"]).optional(),
});

export const CompleteBody = z.object({
  token: z.string().min(1).max(512),
  resume_token: z.string().max(512).optional(),
});
