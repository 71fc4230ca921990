import "server-only";
import { env } from "@/lib/env";
import { fsRecordingStorage } from "./fs-storage";
import { s3SettingsFrom } from "./s3-client";
import { s3RecordingStorage } from "./s3-storage";
import type { RecordingStorage } from "./storage";

/**
 * Where this deployment keeps recordings: an S3-compatible bucket when S3_BUCKET is set (every instance then sees
 * the same bytes), else the local disk under DATA_DIR (one instance, the embedded default).
 */
export function recordingStorage(): RecordingStorage {
  const s3 = s3SettingsFrom(env());
  return s3 ? s3RecordingStorage(s3) : fsRecordingStorage();
}
