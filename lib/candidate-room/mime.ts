// The recording format, chosen by what this browser's MediaRecorder can do: WebM/Opus where it exists (Chromium,
// Firefox), MP4/AAC otherwise (Safari). The server accepts exactly these two containers.
// VP8 before VP9: browsers encode recordings in software, and VP9 costs several times VP8's CPU at the same size. On a
// candidate's old laptop (and on a loaded 2-core test machine, where 3-second VP9 recordings came back empty) VP9
// falls behind and frames are lost; VP8 keeps up, and a spoken answer gains little from VP9's smaller files.

const PREFERRED = [
  "video/webm;codecs=vp8,opus",
  "video/webm;codecs=vp9,opus",
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
