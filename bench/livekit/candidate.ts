import { type Browser, type BrowserContext, type Page, expect } from "@playwright/test";
import { CandidateLandingPage } from "../../e2e/pages/candidate-landing-page";
import { CandidateRoomPage } from "../../e2e/pages/candidate-room-page";

// One candidate in a fresh browser context, driven with the e2e page objects: landing, consent and device check up to
// "You are ready", then "Start interview" with the moments that follow timestamped on the bench's clock.

const START_PATH = "/api/candidates/interviews/start-session";
const MARK_BINDING = "aiiBenchMark";
const SENT_FUNCTION = "aiiBenchSent";

/** What the page's peer connections have sent so far (outbound RTP, from getStats). */
export interface Sent {
  bytes: number;
  /** One per video layer (simulcast) being sent: why the encoder holds back ("cpu", "bandwidth", "none"). */
  videoLayers: { limitedBy: string; width?: number; height?: number; fps?: number }[];
}

export interface Started {
  /** performance.now() just before "Start interview" is clicked. */
  t0: number;
  /** When the start-session answer reached the browser. */
  startAnsweredAt: number;
  sessionId: string;
  room: string;
  identity: string;
  /** When the "Question 1 of N" heading entered the page (a MutationObserver in the page calls back). */
  questionShown(timeoutMs: number): Promise<number>;
}

export interface ReadyCandidate {
  start(timeoutMs: number): Promise<Started>;
  sent(): Promise<Sent>;
  close(): Promise<void>;
}

/** Opens the invite in a new context and walks it to "You are ready"; the context is closed if that fails. */
export async function readyCandidate(
  browser: Browser,
  opts: { baseUrl: string; link: string; title: string },
): Promise<ReadyCandidate> {
  const context = await browser.newContext({ baseURL: opts.baseUrl });
  try {
    const marks = new Marks();
    await context.exposeBinding(MARK_BINDING, (_source, name: string) => marks.set(name));
    await context.addInitScript(KEEP_PEER_CONNECTIONS);
    const page = await context.newPage();
    const room = new CandidateRoomPage(page);
    await new CandidateLandingPage(page).goto(opts.link, opts.title);
    await room.getStarted();
    await room.consent();
    await room.checkDevices({ testRecording: false });
    await room.continueFromDevices();
    await expect(room.main.getByRole("heading", { name: "You are ready" })).toBeVisible();
    return {
      start: (timeoutMs) => start(page, room, marks, timeoutMs),
      sent: () => page.evaluate<Sent>(`window.${SENT_FUNCTION}()`),
      close: () => closeQuietly(context),
    };
  } catch (error) {
    await closeQuietly(context);
    throw error;
  }
}

async function start(page: Page, room: CandidateRoomPage, marks: Marks, timeoutMs: number): Promise<Started> {
  await page.evaluate(WATCH_FOR_QUESTION);
  const answered = page
    .waitForResponse((r) => r.url().endsWith(START_PATH) && r.request().method() === "POST", { timeout: timeoutMs })
    .then((response) => ({ response, at: performance.now() }));
  answered.catch(() => undefined); // awaited below, unless the click fails first
  const t0 = performance.now();
  await room.startInterview();
  const { response, at } = await answered;
  if (!response.ok()) throw new Error(`start-session answered ${response.status()}: ${await response.text()}`);
  const body = (await response.json()) as { session_id: string; livekit: { room_name: string } };
  return {
    t0,
    startAnsweredAt: at,
    sessionId: body.session_id,
    room: body.livekit.room_name,
    identity: `candidate-${body.session_id}`,
    questionShown: (ms) => marks.wait("question", ms),
  };
}

/**
 * Runs in the page: calls the binding once a "Question 1 of N" heading is in the document. A string, not a function:
 * tsx would wrap a function's inner helpers in a __name() call that does not exist in the page.
 */
const WATCH_FOR_QUESTION = `(() => {
  const shown = () => [...document.querySelectorAll("h1, h2, h3")].some((h) => /^Question 1 of \\d+$/.test(h.textContent.trim()));
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    window.${MARK_BINDING}("question");
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/**
 * Runs in every page before the app: keeps each RTCPeerConnection the page makes (livekit-client's publisher among
 * them), so the bench can read what was sent without reaching into the app.
 */
const KEEP_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      made.push(this);
    }
  };
  window.${SENT_FUNCTION} = async () => {
    const sent = { bytes: 0, videoLayers: [] };
    for (const pc of made) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type !== "outbound-rtp") return;
        sent.bytes += s.bytesSent ?? 0;
        if (s.kind === "video" && s.active !== false) {
          sent.videoLayers.push({ limitedBy: s.qualityLimitationReason ?? "unknown", width: s.frameWidth, height: s.frameHeight, fps: s.framesPerSecond });
        }
      });
    }
    return sent;
  };
})()`;

async function closeQuietly(context: BrowserContext): Promise<void> {
  await context.close().catch(() => undefined);
}

/** Named moments on the bench's clock, set from the page; wait() resolves with one once it is set. */
class Marks {
  private readonly at = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();

  set(name: string): void {
    if (this.at.has(name)) return;
    const at = performance.now();
    this.at.set(name, at);
    this.waiters.get(name)?.(at);
  }

  wait(name: string, timeoutMs: number): Promise<number> {
    const at = this.at.get(name);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`"${name}" did not happen within ${timeoutMs / 1000} s`)),
        timeoutMs,
      ).unref();
      this.waiters.set(name, (when) => {
        clearTimeout(timer);
        resolve(when);
      });
    });
  }
}
