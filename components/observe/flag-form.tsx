"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import styles from "./observe.module.css";

export interface Flag {
  id: string;
  answer: number | null;
  note: string;
  created_at: string;
  author: string;
}

/** Timestamped notes for the review: each lands on the answer the candidate was giving when it was written. */
export function FlagForm({
  sessionId,
  initialFlags,
  disabled,
}: {
  sessionId: string;
  initialFlags: Flag[];
  disabled: boolean;
}) {
  const [flags, setFlags] = useState(initialFlags);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const errorId = useId();

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setError("Write a short note");
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/interviewer/sessions/${sessionId}/flags`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ note }),
      });
      const body = (await response.json().catch(() => ({}))) as Flag & { detail?: unknown };
      if (response.status === 201) {
        setFlags((list) => [...list, body]);
        setNote("");
      } else {
        const detail = Array.isArray(body.detail) ? body.detail[0]?.msg : body.detail;
        setError(typeof detail === "string" ? detail : "The flag could not be saved.");
      }
    } catch {
      setError("You seem to be offline; the flag was not saved.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="flags-heading" className={styles.flags}>
      <h2 id="flags-heading">Flags</h2>
      <form onSubmit={add} className={styles.flagForm} noValidate>
        <label htmlFor={noteId}>Note</label>
        <textarea
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          rows={3}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <p id={errorId} role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <div>
          <Button type="submit" pending={busy} disabled={disabled}>
            Add flag
          </Button>
        </div>
      </form>
      {flags.length === 0 ? (
        <p className="muted">No flags yet. They appear on the review timeline next to the answer.</p>
      ) : (
        <ol className={styles.flagList} aria-label="Flags so far">
          {flags.map((f) => (
            <li key={f.id}>
              <span className={styles.flagMeta}>
                <LocalTime iso={f.created_at} precision="seconds" /> ·{" "}
                {f.answer === null ? "before the first answer" : `question ${f.answer + 1}`} · {f.author}
              </span>
              <span>{f.note}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
