import type { Browser } from "@playwright/test";
import type { RoomServiceClient } from "livekit-server-sdk";
import { type ReadyCandidate, type Sent, type Started, readyCandidate } from "./candidate";
import { type CpuWindow, between, snapshot } from "./cpu";
import { countPublishing, sleep } from "./room-poll";

// The LiveKit server's CPU with candidates connected and publishing at once: an idle window (server, app and browser up,
// nobody connected), then one candidate alone, then all of them, each window of the same length. Candidates are walked
// to "You are ready" one by one and started one after another; a window opens once the server lists every started
// candidate with camera and microphone, and a few seconds more, so the encoders have ramped up. What the browsers sent
// in the window (getStats) tells whether they held back, which a saturated machine makes them do.

const START_TIMEOUT_MS = 30_000;
const PUBLISH_TIMEOUT_MS = 60_000; // for every started candidate to be listed with both tracks
const PUBLISH_POLL_MS = 250;
const TRACKS = 2; // camera and microphone

export interface Stage {
  /** Candidates the server listed with both tracks when the window opened (0: the idle window). */
  candidates: number;
  /** ... and when it closed. */
  publishingAtEnd: number;
  cpu: CpuWindow;
  /** Outbound media of all the candidates together over the window; absent for the idle window. */
  sent?: { mbitPerS: number; videoLayers: Sent["videoLayers"] };
}

export interface ConcurrentResult {
  asked: number;
  /** Why fewer than asked were measured, when they were. */
  shortfall?: string;
  settleS: number;
  idle: Stage;
  /** One candidate alone (when more were asked), then the most that published at once. */
  stages: Stage[];
}

interface Opts {
  browser: Browser;
  baseUrl: string;
  title: string;
  links: string[];
  windowS: number;
  settleS: number;
  rooms: RoomServiceClient;
  pids: { livekit: number; app: number };
}

export async function measureConcurrent(opts: Opts): Promise<ConcurrentResult> {
  const asked = opts.links.length;
  console.log(`[bench:livekit] idle window: ${opts.windowS} s with no candidate connected`);
  const idle: Stage = { candidates: 0, publishingAtEnd: 0, cpu: await cpuWindow(opts.pids, opts.windowS) };

  const ready: ReadyCandidate[] = [];
  const started: { candidate: ReadyCandidate; session: Started }[] = [];
  const stages: Stage[] = [];
  let shortfall: string | undefined;
  try {
    for (const target of new Set([1, asked])) {
      while (ready.length < target && !shortfall) {
        try {
          ready.push(
            await readyCandidate(opts.browser, {
              baseUrl: opts.baseUrl,
              link: opts.links[ready.length]!,
              title: opts.title,
            }),
          );
          console.log(`[bench:livekit] candidate ${ready.length}/${asked} ready`);
        } catch (error) {
          shortfall = `candidate ${ready.length + 1} of ${asked} did not reach "You are ready" (${message(error)})`;
        }
      }
      for (const candidate of ready.slice(started.length)) {
        try {
          started.push({ candidate, session: await candidate.start(START_TIMEOUT_MS) });
        } catch (error) {
          shortfall ??= `candidate ${started.length + 1} of ${asked} could not start (${message(error)})`;
        }
      }
      const sessions = started.map((s) => s.session);
      const publishing = await waitPublishing(opts.rooms, sessions);
      if (publishing < sessions.length) {
        shortfall ??= `${sessions.length - publishing} started candidate(s) were not listed with camera and microphone within ${PUBLISH_TIMEOUT_MS / 1000} s`;
      }
      if (publishing === 0 || stages.at(-1)?.candidates === publishing) break;
      console.log(
        `[bench:livekit] ${publishing} candidate(s) publishing; settling ${opts.settleS} s, then a ${opts.windowS} s window`,
      );
      await sleep(opts.settleS * 1000);
      stages.push(await measureStage(opts, started, publishing));
      if (shortfall) break;
    }
    return { asked, shortfall, settleS: opts.settleS, idle, stages };
  } finally {
    await Promise.all(ready.map((c) => c.close()));
    await Promise.all(started.map((s) => opts.rooms.deleteRoom(s.session.room).catch(() => undefined)));
  }
}

async function measureStage(
  opts: Opts,
  started: { candidate: ReadyCandidate; session: Started }[],
  publishing: number,
): Promise<Stage> {
  const sentBefore = await Promise.all(started.map((s) => s.candidate.sent()));
  const from = performance.now();
  const cpu = await cpuWindow(opts.pids, opts.windowS);
  const sentAfter = await Promise.all(started.map((s) => s.candidate.sent()));
  const seconds = (performance.now() - from) / 1000;
  const bytes = sentAfter.reduce((sum, s, i) => sum + s.bytes - sentBefore[i]!.bytes, 0);
  const publishingAtEnd = await countPublishing(
    opts.rooms,
    started.map((s) => s.session),
    TRACKS,
  );
  return {
    candidates: publishing,
    publishingAtEnd,
    cpu,
    sent: { mbitPerS: (bytes * 8) / 1e6 / seconds, videoLayers: sentAfter.flatMap((s) => s.videoLayers) },
  };
}

async function cpuWindow(pids: { livekit: number; app: number }, seconds: number): Promise<CpuWindow> {
  const start = snapshot(pids);
  await sleep(seconds * 1000);
  return between(start, snapshot(pids));
}

/** Waits until the server lists every started candidate with both tracks, or the timeout; returns how many it lists. */
async function waitPublishing(rooms: RoomServiceClient, started: Started[]): Promise<number> {
  const deadline = performance.now() + PUBLISH_TIMEOUT_MS;
  for (;;) {
    const publishing = await countPublishing(rooms, started, TRACKS);
    if (publishing === started.length || performance.now() > deadline) return publishing;
    await sleep(PUBLISH_POLL_MS);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0]! : String(error));
