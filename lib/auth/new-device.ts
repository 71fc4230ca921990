import "server-only";
import { and, eq, gte, ne, sql } from "drizzle-orm";
import { authSessions, companies } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import type { DbOrTx } from "@/lib/db";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { newDeviceEmail } from "@/lib/email/new-device-template";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/http/request-meta";
import { describeDevice, deviceKey, networkOf } from "./device";

// A sign-in from a device (browser and OS family, and network: lib/auth/device.ts) that none of the user's sign-ins
// of the last KNOWN_FOR_DAYS used is audited NEW_DEVICE_SIGN_IN, and, when the company turned it on
// (companies.new_device_email), the user gets an email about it. Runs in the sign-in's own transaction, so the
// session, the audit row and the email commit together; the caller sends the email after the commit.
//
// A user's very first sign-in has nothing to compare with and is not "new": the alert would only tell a new hire
// that they signed in. A user whose earlier sign-ins are all older than the window is compared with nothing and
// every device is new to them, so a dormant account signed in to by someone else is noticed.

const KNOWN_FOR_DAYS = 90; // days a device stays known after a sign-in from it
const DISTINCT_LIMIT = 1000; // distinct (user agent, address) pairs compared; far more than any person uses

export interface SignedInUser {
  id: string;
  companyId: string;
  email: string;
  firstName: string | null;
}

/** The sessions page in emails (there is no request here to take an origin from): APP_URL, as reminder emails do. */
const sessionsPageUrl = () =>
  `${(env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "")}/dashboard/account/sessions`;

async function isKnownDevice(db: DbOrTx, input: { userId: string; sessionId: string; key: string; now: Date }) {
  const since = new Date(input.now.getTime() - KNOWN_FOR_DAYS * 86_400_000);
  const earlier = await db
    .selectDistinct({ userAgent: authSessions.userAgent, ipAddress: authSessions.ipAddress })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.userId, input.userId),
        ne(authSessions.id, input.sessionId),
        gte(authSessions.createdAt, since),
      ),
    )
    .limit(DISTINCT_LIMIT);
  if (earlier.some((row) => deviceKey(row) === input.key)) return { known: true, first: false };
  if (earlier.length > 0) return { known: false, first: false };
  const [any] = await db
    .select({ one: sql<number>`1` })
    .from(authSessions)
    .where(and(eq(authSessions.userId, input.userId), ne(authSessions.id, input.sessionId)))
    .limit(1);
  return { known: false, first: !any };
}

/**
 * Audits (and maybe emails about) the sign-in `sessionId` when its device is new to the user. Returns the queued
 * email, for the caller to send after the commit, or null.
 */
export async function noteSignInDevice(
  tx: DbOrTx,
  input: { user: SignedInUser; sessionId: string; kind: "api" | "web"; meta: RequestMeta; now: Date },
): Promise<QueuedEmail | null> {
  const { user, meta, now } = input;
  const key = deviceKey({ userAgent: meta.userAgent, ipAddress: meta.ip });
  const { known, first } = await isKnownDevice(tx, { userId: user.id, sessionId: input.sessionId, key, now });
  if (known || first) return null;

  const [company] = await tx
    .select({ name: companies.name, newDeviceEmail: companies.newDeviceEmail })
    .from(companies)
    .where(eq(companies.id, user.companyId));
  const device = describeDevice(meta.userAgent).label;
  let email: QueuedEmail | null = null;
  if (company?.newDeviceEmail) {
    email = await queueEmail(tx, {
      companyId: user.companyId,
      to: user.email,
      ...newDeviceEmail({
        firstName: user.firstName,
        companyName: company.name,
        device,
        address: meta.ip,
        channel: input.kind,
        at: now,
        sessionsUrl: sessionsPageUrl(),
      }),
    });
  }
  await writeAudit(tx, {
    action: "NEW_DEVICE_SIGN_IN",
    companyId: user.companyId,
    userId: user.id,
    resourceType: "auth_session",
    resourceId: input.sessionId,
    details: {
      channel: input.kind,
      device,
      network: networkOf(meta.ip),
      email_id: email?.id ?? null,
    },
    meta,
    now,
  });
  return email;
}
