"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * A ref that always holds the value of the latest render, for listeners, timers and loops that are set up once but
 * must call the current callback or read the current props. Read it only outside render (in effects and handlers).
 * Updated in a layout effect, so it is current before any effect or event of the committed render runs.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
