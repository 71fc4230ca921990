// Every reason the API sends as `code` beside `detail`, with the HTTP status(es) it comes with and what it means.
// Clients switch on these, so the list is closed: AppError's reason is typed as one of these keys (a new reason does
// not compile until it is catalogued here), and lib/errors/reasons.test.ts checks the codes written directly into JSON
// bodies outside AppError. docs/api.md's table and the OpenAPI document (lib/openapi) are generated from this list.

interface ReasonEntry {
  /** The statuses it is sent with; the first is the usual one. */
  readonly statuses: readonly number[];
  /** One line for the API reference. */
  readonly meaning: string;
}

export const REASONS = {
  // The defaults: what `code` says when an error names no finer reason (one per status class, lib/errors.ts).
  bad_request: {
    statuses: [400],
    meaning: "The request is malformed (for example an unparseable JSON body or a bad path parameter).",
  },
  not_authenticated: {
    statuses: [401],
    meaning: "No valid credentials: a missing, expired or revoked access token, session cookie or resume token.",
  },
  forbidden: { statuses: [403], meaning: "Signed in, but the caller's role may not do this." },
  not_found: {
    statuses: [404],
    meaning: "No such resource in the caller's company (or one the caller may not know exists).",
  },
  conflict: { statuses: [409], meaning: "The resource's current state does not allow this request." },
  gone: { statuses: [410], meaning: "The resource existed but is no longer available." },
  validation_error: {
    statuses: [422],
    meaning: "The body or query failed validation; `detail` is a list of `{loc, msg, type}` issues.",
  },
  payload_too_large: { statuses: [413], meaning: "The request body (or an upload) exceeds its size limit." },
  unsupported_media_type: {
    statuses: [415],
    meaning: "The body is not of the content type the endpoint takes (application/json for JSON bodies).",
  },
  rate_limited: { statuses: [429], meaning: "Too many requests; wait the number of seconds in `Retry-After`." },
  storage_quota_exceeded: {
    statuses: [507],
    meaning: "The company's recording storage is full; uploads resume once space is freed.",
  },
  service_unavailable: {
    statuses: [503],
    meaning: "A dependency (database, cache, object storage) is unavailable; retry later.",
  },

  // Two-factor sign-in (POST /api/v1/auth/login for a user with TOTP on).
  mfa_required: {
    statuses: [401],
    meaning:
      "The password is right but the account has two-factor sign-in: send it again with `totp_code` (or `recovery_code`).",
  },
  mfa_invalid: {
    statuses: [401],
    meaning:
      "The two-factor code is wrong, already used, or outside the ±30 s window; or the recovery code is unknown or used.",
  },
  mfa_setup_required: {
    statuses: [403],
    meaning:
      "The caller's company requires two-factor sign-in of their role and they have none yet: only the two-factor status and enrolment routes, logout, refresh and `GET /api/v1/users/me` answer until it is set up.",
  },

  sso_required: {
    statuses: [403],
    meaning:
      "The caller's company requires single sign-on: password sign-in is off for this account (all but the company's break-glass admin). Sign in through the company's identity provider in the browser.",
  },
  sso_config_invalid: {
    statuses: [422],
    meaning:
      "The OpenID provider settings cannot be used: the issuer's discovery document is missing or wrong, it is not https, it offers no PKCE, or a field is missing.",
  },
  sso_domain_taken: {
    statuses: [409],
    meaning: "An email domain for single sign-on belongs to another organisation on this service.",
  },

  password_expired: {
    statuses: [403],
    meaning:
      "The password is older than the company's maximum password age: only `POST /api/v1/auth/password`, logout, refresh and `GET /api/v1/users/me` answer until it is changed.",
  },

  // Invites (a candidate starting or resuming an interview, staff managing an invite).
  invalid_invite: { statuses: [400], meaning: "The interview link is unknown or malformed." },
  invite_revoked: {
    statuses: [400, 409],
    meaning: "The invite was revoked (400 for the candidate; 409 for staff editing or resending it).",
  },
  interview_closed: { statuses: [400], meaning: "The invite's interview is not open (draft or archived)." },
  invite_expired: { statuses: [410], meaning: "The interview link has expired." },
  attempts_exhausted: { statuses: [403], meaning: "Every attempt the invite allows has been used." },
  session_in_progress: {
    statuses: [409],
    meaning: "The candidate has an attempt in progress, so the invite cannot be resent now.",
  },
  invalid_time_zone: {
    statuses: [422],
    meaning: "An expiry rule names a time zone that is not an IANA zone the server knows (for example Europe/Berlin).",
  },
  expiry_in_past: {
    statuses: [422],
    meaning: "An expiry rule resolves to an instant that has already passed (an end_of_day date before today there).",
  },
  expiry_too_far: { statuses: [422], meaning: "An expiry rule resolves to more than a year ahead." },

  // Extension requests (a candidate asking for more time; staff deciding).
  extension_not_eligible: {
    statuses: [409],
    meaning:
      "More time cannot be requested for (or granted to) this invite: it is revoked, erased, completed, in progress, out of attempts, its interview is closed, or it is not expired nor expiring within 48 hours.",
  },
  extension_limit_reached: {
    statuses: [409],
    meaning: "The invite has used every extension request HR allows (one by default).",
  },
  extension_pending: { statuses: [409], meaning: "A request for more time on this invite is already waiting." },
  extension_not_pending: {
    statuses: [409],
    meaning: "The extension request was already approved or declined (possibly by someone else just now).",
  },

  // Erasure requests (a candidate asking the company to delete their recordings; HR carrying it out).
  erasure_not_pending: {
    statuses: [409],
    meaning: "The erasure request was already carried out (possibly by someone else just now).",
  },
  erasure_session_in_progress: {
    statuses: [409],
    meaning: "The candidate has an attempt in progress; the erasure can be carried out once it has ended.",
  },

  // Invite reminders (a candidate stopping them with the link in a reminder email).
  unsubscribe_link_invalid: {
    statuses: [404],
    meaning: "The reminder unsubscribe link is malformed, forged, or names no invite.",
  },

  // Resuming an attempt (start-session with a resume token, or mode "resume").
  resume_missing: {
    statuses: [409],
    meaning: "An attempt is in progress but this browser holds no resume token for it (started elsewhere).",
  },
  resume_expired: {
    statuses: [409],
    meaning: "The attempt was inactive for longer than the interview's resume grace window.",
  },
  resume_conflict: {
    statuses: [409],
    meaning: "The attempt was continued elsewhere, or already completed; this resume token no longer continues it.",
  },
  resume_token_required: {
    statuses: [401],
    meaning: "Completing an interview needs the session's resume token (body or cookie).",
  },

  // An interview session (attempt) and its recordings.
  session_revoked: {
    statuses: [409],
    meaning: "The invite was revoked, which ended the session; what was stored is kept, nothing more is accepted.",
  },
  session_closed: { statuses: [409], meaning: "The session has ended (completed); no more uploads are accepted." },
  take_replaced: {
    statuses: [409],
    meaning: "This take of the answer was replaced by a newer one (a re-record or another tab); drop it.",
  },
  missing_chunks: {
    statuses: [409],
    meaning: "Finalize found chunks missing; `detail` lists them; upload them and finalize again.",
  },
  finalize_in_progress: {
    statuses: [409],
    meaning: "Another request is finalizing this answer; ask again after `Retry-After` seconds.",
  },
  recording_too_large: { statuses: [413], meaning: "The recording exceeds the size its question's time limit allows." },
  answer_too_long: { statuses: [422], meaning: "The recording's duration exceeds its question's time limit." },
  retakes_exhausted: { statuses: [403], meaning: "Every re-record the interview allows for this answer is used." },
  free_retakes_exhausted: { statuses: [403], meaning: "The answer was restarted too many times without being saved." },
  range_not_satisfiable: { statuses: [416], meaning: "The requested byte range lies outside the recording." },

  // Staff in a LiveKit room.
  not_interview_manager: {
    statuses: [403],
    meaning: "Only those who manage the interview may join its rooms with this grant.",
  },
  session_not_in_progress: {
    statuses: [409],
    meaning: "The interview session is not in progress, so its room cannot be joined.",
  },

  // Review: scorecards, decisions, AI evaluation, reports, comparisons.
  session_not_completed: {
    statuses: [409],
    meaning: "Only a completed interview session can be scored, decided, evaluated or reported.",
  },
  scorecard_submitted: {
    statuses: [409],
    meaning: "The caller's scorecard is submitted; an edit is submitted as its next version.",
  },
  no_criteria: {
    statuses: [409, 400],
    meaning: "No question of the interview has scoring criteria (409 for an evaluation, 400 for a scorecard).",
  },
  unknown_answer: { statuses: [400], meaning: "A scorecard scores an answer whose question has no scoring criteria." },
  unknown_criterion: { statuses: [400], meaning: "A scorecard scores a criterion its question does not have." },
  duplicate_criterion: { statuses: [400], meaning: "A scorecard gives the same criterion twice." },
  scorecard_incomplete: { statuses: [400], meaning: "A submission must score every criterion from 1 to 5." },
  recommendation_required: { statuses: [400], meaning: "A submission must give an overall recommendation." },
  reason_required: { statuses: [422], meaning: "Holding or rejecting a candidate needs a reason." },
  no_candidate_email: {
    statuses: [409],
    meaning: "The candidate's invite has no email address, so they cannot be notified.",
  },
  evaluation_off: { statuses: [409], meaning: "AI evaluation is not configured on this server." },
  transcription_pending: {
    statuses: [409],
    meaning: "Some answers are still being transcribed; the evaluation starts by itself after.",
  },
  evaluation_running: { statuses: [409], meaning: "A version of the AI evaluation is still running." },
  invalid_rubric: {
    statuses: [400],
    meaning: "The interview's rubric (criteria, anchors, competencies) is invalid; `detail` says where.",
  },
  duplicate_sessions: { statuses: [422], meaning: "A comparison names the same candidate twice." },
  compare_count: {
    statuses: [422],
    meaning: "A comparison needs between its minimum and maximum number of candidates.",
  },
  not_comparable: { statuses: [422], meaning: "Only completed sessions of the same interview can be compared." },

  // Background jobs.
  job_not_failed: { statuses: [409], meaning: "Only a failed job can be retried." },
} as const satisfies Record<string, ReasonEntry>;

export type Reason = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as Reason[];

export const isReason = (value: string): value is Reason => Object.hasOwn(REASONS, value);
