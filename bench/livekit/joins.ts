import type { Browser } from "@playwright/test";
import type { RoomServiceClient } from "livekit-server-sdk";
import { type Started, readyCandidate } from "./candidate";
import { firstListedWithTrack } from "./room-poll";
import type { WebhookClock } from "./webhook-clock";

// Joins one after another, each in a fresh browser context: from "Start interview" to the candidate's first track on
// the server, beside what the page itself shows in that time. The first joins after boot pay for cold caches in the
// app and the browser, so they are run but not counted.

const JOIN_TIMEOUT_MS = 30_000;

/** Milliseconds from t0 (just before the click). */
export interface JoinSample {
  startAnswered: number;
  questionShown: number;
  participantJoined: number;
  trackPublished: number;
  listedWithTrack: number;
}

export async function measureJoins(opts: {
  browser: Browser;
  baseUrl: string;
  title: string;
  links: string[];
  warmup: number;
  webhooks: WebhookClock;
  rooms: RoomServiceClient;
}): Promise<JoinSample[]> {
  const samples: JoinSample[] = [];
  for (const [i, link] of opts.links.entries()) {
    const counted = i >= opts.warmup;
    const sample = await join(opts, link);
    if (counted) samples.push(sample);
    const label = counted
      ? `join ${samples.length}/${opts.links.length - opts.warmup}`
      : `warm-up join ${i + 1}/${opts.warmup}`;
    console.log(
      `[bench:livekit] ${label}: first track ${sample.trackPublished.toFixed(0)} ms, question shown ${sample.questionShown.toFixed(0)} ms`,
    );
  }
  return samples;
}

async function join(
  opts: { browser: Browser; baseUrl: string; title: string; webhooks: WebhookClock; rooms: RoomServiceClient },
  link: string,
): Promise<JoinSample> {
  const candidate = await readyCandidate(opts.browser, { baseUrl: opts.baseUrl, link, title: opts.title });
  let started: Started | undefined;
  try {
    started = await candidate.start(JOIN_TIMEOUT_MS);
    const { identity, t0 } = started;
    const [joined, published, listed, shown] = await Promise.all([
      opts.webhooks.first("participant_joined", identity, JOIN_TIMEOUT_MS),
      opts.webhooks.first("track_published", identity, JOIN_TIMEOUT_MS),
      firstListedWithTrack(opts.rooms, started.room, identity, JOIN_TIMEOUT_MS),
      started.questionShown(JOIN_TIMEOUT_MS),
    ]);
    return {
      startAnswered: started.startAnsweredAt - t0,
      questionShown: shown - t0,
      participantJoined: joined.at - t0,
      trackPublished: published.at - t0,
      listedWithTrack: listed - t0,
    };
  } finally {
    await candidate.close();
    // The next join finds a quiet server: no participant left waiting for its connection to time out.
    if (started) await opts.rooms.deleteRoom(started.room).catch(() => undefined);
  }
}
