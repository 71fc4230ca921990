"use client";

import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { FormState } from "@/lib/http/server-action";
import styles from "./sessions.module.css";

/** A sign-in session as the table shows it; plain data so it can cross into this client component. */
export interface SessionRow {
  id: string;
  kind: "api" | "web";
  method: "password" | "sso";
  device: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  current: boolean;
}

type SessionAction = (previous: FormState, formData: FormData) => Promise<FormState>;

interface SessionsTableProps {
  /** The most recently used live sessions (at most a page of them). */
  sessions: SessionRow[];
  /** How many live sessions there are in all. */
  total: number;
  /** Whose sessions, for the wording: the viewer's own, or (ADMIN) another person's email. */
  owner: { self: true } | { self: false; email: string };
  /** Signs out the session whose id is in the form's `sessionId`. */
  revoke: SessionAction;
  /** Signs out every session but the viewer's current one. */
  revokeOthers: SessionAction;
  /** Fields every action's form carries (the ADMIN's `userId`). */
  fields?: Record<string, string>;
}

const COLUMNS = 5;

/** The live sign-in sessions, each with its own sign-out, and one for all the others; each asks first. */
export function SessionsTable({ sessions, total, owner, revoke, revokeOthers, fields = {} }: SessionsTableProps) {
  const [outcome, setOutcome] = useState<FormState>({});
  const message = useRef<HTMLDivElement>(null);
  const run = async (action: SessionAction, extra: Record<string, string> = {}) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ ...fields, ...extra })) data.set(name, value);
    setOutcome(await action({}, data));
    // The row and its button are gone: give focus to the message that says what happened.
    requestAnimationFrame(() => message.current?.focus());
  };
  const others = total - sessions.filter((s) => s.current).length;
  const whose = owner.self ? "your" : `${owner.email}'s`;
  return (
    <>
      <div className={styles.toolbar}>
        <p className="muted">
          {total === 1 ? "1 active session." : `${total} active sessions.`}
          {sessions.length < total && ` The ${sessions.length} most recently used are shown.`} Times are in your time
          zone.
        </p>
        {others > 0 && (
          <ConfirmDialog
            triggerLabel={owner.self ? "Sign out all other sessions" : "Sign out all sessions"}
            triggerVariant="danger"
            title={owner.self ? "Sign out all other sessions?" : `Sign out all of ${owner.email}'s sessions?`}
            description={`${others} ${others === 1 ? "session" : "sessions"} (browsers and API clients) will be signed out at once${owner.self ? "; this one stays" : ""}. The change is recorded in the audit log.`}
            confirmLabel={owner.self ? "Sign out others" : "Sign out all"}
            pendingLabel="Signing out…"
            onConfirm={() => run(revokeOthers)}
          />
        )}
      </div>
      <div ref={message} tabIndex={-1}>
        <FormMessage state={outcome} />
      </div>
      <Table
        caption={owner.self ? "Your active sessions" : `Active sessions of ${owner.email}`}
        head={
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last seen</th>
            <th scope="col">Actions</th>
          </tr>
        }
      >
        {sessions.length === 0 && (
          <EmptyRow colSpan={COLUMNS}>
            No active sessions: {owner.self ? "you are" : "this person is"} not signed in anywhere.
          </EmptyRow>
        )}
        {sessions.map((session) => {
          const name = `${session.device}${session.ipAddress ? ` from ${session.ipAddress}` : ""}`;
          return (
            <tr key={session.id}>
              <td>
                <span className={styles.deviceCell}>
                  {session.device}
                  <Badge>{session.kind === "web" ? "Dashboard" : "API"}</Badge>
                  {session.method === "sso" && <Badge>Company sign-in</Badge>}
                  {session.current && <Badge tone="success">This device</Badge>}
                </span>
                {session.userAgent && session.userAgent !== session.device && (
                  <span className={styles.agent} title={session.userAgent}>
                    {session.userAgent.length > 120 ? `${session.userAgent.slice(0, 119)}…` : session.userAgent}
                  </span>
                )}
              </td>
              <td className={styles.mono}>{session.ipAddress ?? <span className="muted">Unknown</span>}</td>
              <td className={styles.nowrap}>
                <LocalTime iso={session.createdAt} />
              </td>
              <td className={styles.nowrap}>
                {session.lastSeenAt ? <LocalTime iso={session.lastSeenAt} /> : <span className="muted">—</span>}
              </td>
              <td>
                <ConfirmDialog
                  triggerLabel={
                    <>
                      Sign out<span className="visually-hidden"> {name}</span>
                    </>
                  }
                  title={session.current ? "Sign out this device?" : `Sign out ${name}?`}
                  description={
                    session.current
                      ? owner.self
                        ? "This is the session you are using: you will be signed out here and sent to the sign-in page."
                        : "This is the session you are using: you will be signed out."
                      : `It stops working at once and has to sign in again. This ends ${whose} session only; the change is recorded in the audit log.`
                  }
                  confirmLabel="Sign out"
                  pendingLabel="Signing out…"
                  onConfirm={() => run(revoke, { sessionId: session.id })}
                />
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
