// The recording format, chosen by what this browser's MediaRecorder can do: WebM/Opus where it exists (Chromium,
// Firefox), MP4/AAC otherwise (Safari). The server accepts exactly these two containers.
const PREFERRED = [
  "video/webm;codecs=vp9,opus",
  "video/webm;codecs=vp8,opus",
  "video/webm",
  "video/mp4;codecs=avc1.42E01E,mp4a.40.2",
  "video/mp4;codecs=avc1,mp4a.40.2",
  "video/mp4",
];

const browserSupports = (type: string) => typeof MediaRecorder !== "undefined" && MediaRecorder.isTypeSupported(type);

/** The first supported type, or null when this browser cannot record video at all. */
export function pickRecordingMime(isSupported: (type: string) => boolean = browserSupports): string | null {
  return PREFERRED.find((type) => isSupported(type)) ?? null;
}

/** A file extension for a recording type, for the practice playback's download name. */
export const extensionFor = (mime: string) => (mime.startsWith("video/mp4") ? "mp4" : "webm");

/** MediaRecorder's timeslice: a chunk every few seconds, so a dropped connection costs at most that much locally. */
export const TIMESLICE_MS = 2000;
