import type { SessionRow } from "./sessions-table";
import type { SessionView } from "@/lib/auth/manage-sessions";

/** Sessions as plain data for the client table (dates as ISO strings). */
export const sessionRows = (sessions: SessionView[]): SessionRow[] =>
  sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    method: s.method,
    device: s.device,
    userAgent: s.userAgent,
    ipAddress: s.ipAddress,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt?.toISOString() ?? null,
    current: s.current,
  }));
