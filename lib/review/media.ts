import "server-only";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { recordings } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { InterviewActor } from "@/lib/interviews/access";
import { log } from "@/lib/log";
import { declaredContainer } from "@/lib/recordings/container";
import type { ByteRange, RecordingStorage } from "@/lib/recordings/storage";
import { reviewableSession } from "./access";

export interface OpenedRecording {
  questionIndex: number;
  sizeBytes: number;
  /** The stored MIME type without parameters (`video/webm;codecs=vp8` → `video/webm`). */
  contentType: string;
  /** Built here from the container, never from anything a client sent. */
  filename: string;
  /** The SHA-256 of the bytes: a strong validator that changes with every take. */
  etag: string;
  lastModified: Date;
  read(range?: ByteRange): Readable;
}

/** A READY recording of a session the viewer may review, ready to stream; 404 for anything else. */
export async function openRecording(input: {
  viewer: InterviewActor;
  sessionId: string;
  questionIndex: number;
  storage: RecordingStorage;
}): Promise<OpenedRecording> {
  const db = await getDb();
  const session = await reviewableSession(db, { viewer: input.viewer, sessionId: input.sessionId });
  const [row] = await db
    .select({
      storageKey: recordings.storageKey,
      mimeType: recordings.mimeType,
      sha256: recordings.sha256,
      readyAt: recordings.readyAt,
    })
    .from(recordings)
    .where(
      and(
        eq(recordings.companyId, session.companyId),
        eq(recordings.sessionId, session.id),
        eq(recordings.questionIndex, input.questionIndex),
        eq(recordings.status, "ready"),
      ),
    )
    .limit(1);
  if (!row?.storageKey || !row.sha256 || !row.readyAt) throw notFound("Recording");
  const { storageKey } = row;
  const stat = await input.storage.stat(storageKey);
  if (!stat) {
    log.warn("review.recording_file_missing", { session_id: session.id, answer: input.questionIndex });
    throw notFound("Recording");
  }
  const container = declaredContainer(row.mimeType ?? "");
  return {
    questionIndex: input.questionIndex,
    sizeBytes: stat.sizeBytes,
    contentType: container ? row.mimeType!.split(";")[0]!.trim().toLowerCase() : "application/octet-stream",
    // Numbered from 1, as the dashboard shows the questions; the route's {answer} is 0-based.
    filename: `answer-${input.questionIndex + 1}.${container ?? "bin"}`,
    etag: `"${row.sha256}"`,
    lastModified: row.readyAt,
    read: (range) => input.storage.read(storageKey, range),
  };
}
