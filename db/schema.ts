import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  inet,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

// Every table lives in this one file. SQL names are snake_case; every timestamp is timestamptz.

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const ROLES = ["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"] as const;
export const userRole = pgEnum("user_role", ROLES);
export type Role = (typeof ROLES)[number];

export const companies = pgTable("companies", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 255 }).notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    // Stored lowercased; the unique index is the source of truth for "one account per address".
    email: varchar("email", { length: 255 }).notNull(),
    passwordHash: varchar("password_hash", { length: 255 }).notNull(),
    firstName: varchar("first_name", { length: 255 }),
    lastName: varchar("last_name", { length: 255 }),
    role: userRole("role").notNull().default("EMPLOYEE"),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_company_id_idx").on(t.companyId)],
);

export const SESSION_KINDS = ["api", "web"] as const;
export const sessionKind = pgEnum("session_kind", SESSION_KINDS);

/**
 * One sign-in: an API refresh-token family or a dashboard browser session. Access tokens and Auth.js JWTs carry its
 * id (`sid`), so revoking this row signs the user out everywhere that sign-in reached.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    kind: sessionKind("kind").notNull(),
    createdAt: createdAt(),
    // Absolute lifetime: rotation never extends it.
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: varchar("revoked_reason", { length: 50 }),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_user_id_idx").on(t.userId)],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => authSessions.id, { onDelete: "cascade" }),
    // SHA-256 of the opaque token, hex. The token itself is never stored.
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    parentId: uuid("parent_id"),
    createdAt: createdAt(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("refresh_tokens_token_hash_key").on(t.tokenHash),
    // The invariant "a family has at most one active token", enforced by the database itself.
    uniqueIndex("refresh_tokens_one_active_per_session")
      .on(t.sessionId)
      .where(sql`${t.usedAt} IS NULL AND ${t.revokedAt} IS NULL`),
  ],
);

export const AUDIT_ACTIONS = [
  "LOGIN",
  "LOGIN_FAILED",
  "LOGOUT",
  "TOKEN_REFRESH",
  "REFRESH_REUSE_DETECTED",
  "USER_CREATED",
  "USER_UPDATED",
  "USER_DEACTIVATED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only (a trigger in the migrations rejects UPDATE and DELETE). */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null only for events that belong to no company, such as a failed login for an unknown address.
    companyId: uuid("company_id").references(() => companies.id, { onDelete: "restrict" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "restrict" }),
    action: varchar("action", { length: 50 }).notNull(),
    resourceType: varchar("resource_type", { length: 50 }),
    resourceId: uuid("resource_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_logs_company_created_idx").on(t.companyId, t.createdAt),
    index("audit_logs_user_id_idx").on(t.userId),
    index("audit_logs_action_idx").on(t.action),
  ],
);

export type Company = typeof companies.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
export type RefreshToken = typeof refreshTokens.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;
