// Safe to import from client components (unlike password-policy.ts, which carries the block-list).
export const PASSWORD_MIN_LENGTH = 12; // characters
export const PASSWORD_MAX_LENGTH = 256; // characters
