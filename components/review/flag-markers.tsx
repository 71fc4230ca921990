"use client";

import type { SessionDetailJson } from "@/lib/review/serialize";
import styles from "./review.module.css";

type Flag = SessionDetailJson["flags"][number];

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** An answer's flags on its recording's timeline; choosing one moves the player there. */
export function FlagMarkers({
  videoId,
  durationMs,
  flags,
}: {
  videoId: string;
  durationMs: number | null;
  flags: Flag[];
}) {
  if (flags.length === 0) return null;
  const seek = (ms: number) => {
    const video = document.getElementById(videoId) as HTMLVideoElement | null;
    if (!video) return;
    video.currentTime = ms / 1000;
    video.focus();
  };
  return (
    <div className={styles.flagTimeline}>
      {durationMs ? (
        <div className={styles.track} aria-hidden="true">
          {flags.map((f) =>
            f.position_ms === null ? null : (
              <span
                key={f.id}
                className={styles.marker}
                style={{ left: `${(f.position_ms / durationMs) * 100}%` }}
                title={f.note}
              />
            ),
          )}
        </div>
      ) : null}
      <ul className={styles.flagItems} aria-label="Flags on this answer">
        {flags.map((f) => (
          <li key={f.id}>
            {f.position_ms === null ? (
              <span className={styles.sub}>—</span>
            ) : (
              <button
                type="button"
                className={styles.flagTime}
                onClick={() => seek(f.position_ms!)}
                aria-label={`Play from ${clock(f.position_ms)}: ${f.note}`}
              >
                {clock(f.position_ms)}
              </button>
            )}
            <span>{f.note}</span>
            <span className={styles.sub}>{f.author}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
