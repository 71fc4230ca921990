"use client";

import { useEffect, useRef, useState } from "react";
import { useLatest } from "./use-latest";

/**
 * Seconds left until `endsAt` (epoch ms), ticking four times a second; calls `onZero` once when time is up. Counting
 * against a fixed end time keeps it right when the tab is throttled in the background.
 */
export function useCountdown(endsAt: number | null, onZero?: () => void): number {
  const [now, setNow] = useState(() => Date.now());
  const fired = useRef<number | null>(null);
  const callback = useLatest(onZero);
  useEffect(() => {
    if (endsAt === null) return;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= endsAt && fired.current !== endsAt) {
        fired.current = endsAt;
        callback.current?.();
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [endsAt, callback]);
  return endsAt === null ? 0 : Math.max(0, Math.ceil((endsAt - now) / 1000));
}

export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
