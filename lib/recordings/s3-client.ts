import "server-only";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { Env } from "@/lib/env";

// One S3 client per distinct setting, for the life of the process: a client owns a pool of keep-alive connections,
// which a client per request would throw away.

// A playback holds a connection for as long as the browser reads, so the SDK's default of 50 would let 50 viewers
// stall every chunk upload of the instance.
const MAX_SOCKETS = 256; // connections to the S3 endpoint per process
const CONNECT_TIMEOUT_MS = 5_000; // milliseconds
// A connection that stays silent this long is closed and the request fails (the SDK's default is to wait forever): a
// stalled S3 must not hold a chunk upload's row lock, a finalize slot or a playback for good. A player that stops
// reading for this long loses its response and asks again with a Range.
export const IDLE_TIMEOUT_MS = 30_000; // milliseconds

export interface S3Settings {
  bucket: string;
  region: string;
  /** A non-AWS server (MinIO, versitygw, R2, ...); unset = AWS's endpoint for the region. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Unset = the SDK's default chain (instance role, AWS_* variables, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Tests only: a shorter IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number;
}

/** The S3 settings, or null when S3_BUCKET is unset (recordings stay on the local disk). */
export function s3SettingsFrom(settings: Env): S3Settings | null {
  if (!settings.S3_BUCKET) return null;
  const { S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = settings;
  return {
    bucket: settings.S3_BUCKET,
    region: settings.S3_REGION,
    endpoint: settings.S3_ENDPOINT,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

function s3ClientConfig(settings: S3Settings): S3ClientConfig {
  return {
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Only what an operation requires: non-AWS servers refuse the SDK's default checksums on streamed uploads.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: settings.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
      httpAgent: { maxSockets: MAX_SOCKETS },
      httpsAgent: { maxSockets: MAX_SOCKETS },
    },
  };
}

const clients = new Map<string, S3Client>();

export function s3ClientFor(settings: S3Settings): S3Client {
  const { bucket: _bucket, ...connection } = settings;
  const id = JSON.stringify(connection);
  let client = clients.get(id);
  if (!client) {
    client = new S3Client(s3ClientConfig(settings));
    clients.set(id, client);
  }
  return client;
}
