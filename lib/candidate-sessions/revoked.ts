import { AppError } from "@/lib/errors";

/**
 * The answer to anything a candidate sends for a session whose invite was revoked (uploads, finalize, retake, LiveKit
 * token, completion). 409 like other "the session has ended" answers; the reason lets the room say so calmly and stop.
 */
export const sessionRevoked = () =>
  new AppError(
    "CONFLICT",
    "This interview was withdrawn by the company. The answers already given were saved; nothing more can be sent.",
    {
      reason: "session_revoked",
    },
  );
