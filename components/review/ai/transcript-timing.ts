// Which transcript line goes with the playhead. Pure, so the following transcript is tested without a video.

export interface TimedSegment {
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
}

/**
 * The segment being spoken at `seconds`; in a pause, the one just finished; before the first, -1. Segments are in
 * time order, as transcription returns them.
 */
export function segmentIndexAt(segments: readonly TimedSegment[], seconds: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.start <= seconds) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
