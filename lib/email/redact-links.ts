// A delivered invite email keeps no working link: the candidate has it, and the stored copy must not be a second
// way in. Invite values are 43 base64url characters today (lib/invites/token-value.ts); any long base64url value after
// /interview/ is treated as one, so an older or longer format is redacted too. The whole URL around it goes.

export const REDACTED_LINK = "[link removed after delivery]";

const INVITE_URL = /(?:https?:\/\/[^\s"'<>]*?)?\/interview\/[A-Za-z0-9_-]{16,}/g;

export const redactInviteLinks = (body: string): string => body.replace(INVITE_URL, REDACTED_LINK);
