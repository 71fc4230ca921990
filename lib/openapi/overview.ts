import { reasonTableMarkdown } from "@/lib/errors/reason-table";
import { markdown } from "./common";

// The document's prose: what holds for every operation (info.description) and for each area (the tags). The
// operations' own descriptions live beside them in the area files.

export const INFO_DESCRIPTION = markdown(
  "The API of AI Interviewer: staff (Bearer access token, or the dashboard's cookie where said), candidates (an invite's value, then the interview session's resume token) and LiveKit (signed webhooks). docs/api.md explains the auth schemes and the error catalog in prose.",
  '**Errors.** Every error answers `{"detail": "...", "code": "<reason>"}`: `detail` is for people, `code` is a stable snake_case reason for programs to switch on (`invite_expired`, `attempts_exhausted`, `resume_conflict`, `session_revoked`, ...); a status without a finer reason says `not_found`, `conflict`, `forbidden` and so on. Validation errors (422) are `{"detail": [{"loc": [...], "msg": "...", "type": "..."}], "code": "validation_error"}`. An unexpected error is a 500 `{"detail", "request_id"}`, logged with that id. Every response carries `X-Request-Id`; a 429 and a `finalize_in_progress` carry `Retry-After`.',
  "**Caching.** Every JSON response, errors included, is `Cache-Control: no-store`. The recording stream sets its own (`private, max-age=0, must-revalidate`, with an ETag), and so do the PDF report (`no-store`), this reference's page (`no-cache`) and its assets.",
  "**Company scoping.** Every staff route works inside the caller's company: another company's ids answer 404, and so does an id that is not a UUID. HR and ADMIN manage every interview of their company; a TEAM_LEAD only the ones they created (reviewing a session, its board and analytics too); EMPLOYEE reads only.",
  "**Limits.** Every request body is at most 64 KiB (413 `payload_too_large`), except a recording chunk (8 MiB). Every list is paginated (`skip`, `limit` at most 100) with the total in `X-Total-Count`. The README's Security section lists every limit, quota and throttle.",
  "**Reason codes.** Each operation lists, per status, the codes it can answer. The whole catalog:",
  reasonTableMarkdown(),
);

export const TAGS = [
  {
    name: "Auth",
    description: markdown(
      "Staff sign-in for API clients: login answers an access token and a refresh token (also set as the `refresh_token` cookie: HttpOnly, Secure, SameSite=Strict, 7 days).",
      "**Access tokens** are HS256 JWTs with `sub`, `company_id`, `role`, `sid`, `iat`, `exp` (`exp - iat = 900`, 15 minutes), `jti`, `iss` and `aud`. Verification pins HS256 and checks `iss` and `aud`, with 30 s of clock skew. Clients should refresh 30 s before `exp`. Logging out revokes the sign-in session (`sid`), so its access token stops working at once.",
      "**Refresh tokens** rotate on every use; a token used again after the grace window is taken as stolen and revokes its whole family.",
    ),
  },
  { name: "Users", description: "The caller's profile, and the users of their company (HR, ADMIN)." },
  {
    name: "Interviews",
    description:
      "Interviews with their ordered questions, scoring criteria (rubric), competencies and review settings (`blind_review`, `decision_emails`). Reading is for every staff role; writing for who manages the interview (HR and ADMIN all of their company's, a TEAM_LEAD their own).",
  },
  {
    name: "Invites",
    description: markdown(
      "A candidate's invite, called a token in the paths (`/tokens`): its secret value is shown once, when minted or resent, and the database keeps only its hash. Managing invites is for who manages the interview; listing them for every staff role.",
      "An invite stored without `expires_at` expires 7 days after creation; without `max_attempts` it allows 1.",
    ),
  },
  {
    name: "Candidate",
    description: markdown(
      "The candidate's side. The invite's value (`token` in bodies) records consent and starts or resumes an interview session; the session's resume token (from start-session, rotated at each resume, also kept in the `aii_resume_*` cookie) authenticates the uploads, finalize, retake, the LiveKit token and completion.",
      "**Attempts.** An attempt is consumed by one SQL statement (a CTE: a conditional `UPDATE ... WHERE current_attempts < max_attempts` judged by the database clock, then the session insert and its audit row), so concurrent starts can never overdraw an invite; a CHECK constraint holds `current_attempts <= max_attempts` as well.",
      "**Resuming.** A candidate who reloads or drops within the interview's grace window (`resume_grace_minutes`, counted from the last activity) resumes the same session with the resume token, rotated each time, without using an attempt.",
      "**Recording.** Each answer is uploaded as numbered chunks (`PUT .../chunks/{seq}`), then finalized: assembled, checked (count, size, SHA-256, container, duration) and marked `ready`. A re-record starts a new take; chunks of an older take answer 409 `take_replaced`.",
    ),
  },
  {
    name: "Review",
    description:
      "Sessions under review: lists, the ranked board, the session's detail with the AI's work, recordings, PDF reports. For HR, ADMIN and the TEAM_LEAD who owns the interview; anyone else's answers 404 (or 403 for a role without the right). **Blind review** (an interview's `blind_review`, on by default): a reviewer sees no other reviewer's scores and none of the AI's until they have submitted their own scorecard of the session.",
  },
  {
    name: "Analytics",
    description:
      "The invite funnel, time to complete, completion by invite age, score distributions and AI-human agreement, for one interview or the whole company. Blind review holds here too.",
  },
  {
    name: "Observation",
    description:
      "Watching a session live: a hidden, subscribe-only LiveKit token for its room, and timestamped flags on the question the candidate is on. Audited.",
  },
  {
    name: "Scorecards and decisions",
    description:
      "Each reviewer's scorecard (a draft, then submitted versions; blind review applies) and the hiring decision with its optional candidate email. Scores are 1-5 per criterion of each answer; the AI's scores are advice, people decide.",
  },
  {
    name: "AI evaluation",
    description:
      "Re-running the AI evaluation of a completed session. The first evaluation starts by itself once every answer is transcribed; each rerun is a new version, and older versions stay.",
  },
  {
    name: "LiveKit",
    description: markdown(
      "The LiveKit token service (staff only): Bearer or the dashboard's session cookie; a cookie-borne POST must be `application/json` (CSRF). Nothing here is anonymous, and nothing ever grants room admin, recording, room creation or listing.",
      "Also LiveKit's webhook, which keeps each session's presence (`candidate_in_room`, `last_activity_at`) and relay activity.",
    ),
  },
  {
    name: "Jobs",
    description:
      "Background jobs (HR and ADMIN, Bearer): the failed ones and a retry. A job is the caller's company's when its payload's `company_id` is; any other job answers 404.",
  },
  { name: "Operations", description: "Health for load balancers and the container's health check." },
  { name: "Reference", description: "This document and its browser page (Swagger UI, served locally: no CDN)." },
  {
    name: "Dashboard sign-in",
    description: "Auth.js's own endpoints, used by the dashboard's pages; not an API for other clients.",
  },
];
