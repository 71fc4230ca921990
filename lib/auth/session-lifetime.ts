export const SESSION_LIFETIME_S = 7 * 24 * 3600; // absolute lifetime of a sign-in; rotation never extends it
