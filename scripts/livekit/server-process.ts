// A real LiveKit server (the Go binary `npm run livekit:install` builds into .bin/livekit-server) as a child process:
// `npm run livekit`, the e2e relay project, the integration tests and `npm run bench:livekit` all start it through
// here. Everything listens on loopback only, with the ICE settings Chromium needs to connect over 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freeTcpPort } from "../free-port";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** LIVEKIT_SERVER_BIN points at a server from elsewhere (LiveKit's release binaries); otherwise the one we build. */
export const LIVEKIT_BIN = process.env.LIVEKIT_SERVER_BIN || path.join(ROOT, ".bin", "livekit-server");
/** The version `npm run livekit:install` pins: later commits add `replace` directives, which `go install` refuses. */
export const LIVEKIT_VERSION = "v1.13.5";

export interface LivekitPorts {
  /** Signalling (WebSocket) and the Twirp API. */
  http: number;
  /** ICE over TCP (the fallback when UDP is blocked). */
  rtcTcp: number;
  /** ICE over UDP: one port for every participant (UDP mux). */
  rtcUdp: number;
}

export interface LivekitServerOptions {
  ports: LivekitPorts;
  keys: Record<string, string>;
  /** The key the server signs its webhooks with; it must be one of `keys`. */
  webhookKey?: string;
  webhookUrls?: string[];
  /** Where the server's own log goes (appended); by default it is discarded. */
  logFile?: string;
  logLevel?: "debug" | "info" | "warn" | "error";
}

export interface LivekitServer {
  readonly url: string;
  readonly httpUrl: string;
  readonly ports: LivekitPorts;
  /** The running process's id, or null while stopped. */
  pid(): number | null;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same configuration. */
  start(): Promise<void>;
}

export function livekitBinary(): string | null {
  return fs.existsSync(LIVEKIT_BIN) ? LIVEKIT_BIN : null;
}

/** The server's YAML configuration. YAML is a superset of JSON, so JSON is written: no YAML library is needed. */
export function livekitConfig(options: LivekitServerOptions): Record<string, unknown> {
  const { ports } = options;
  return {
    port: ports.http,
    bind_addresses: ["127.0.0.1"],
    rtc: {
      node_ip: "127.0.0.1",
      use_external_ip: false,
      enable_loopback_candidate: true,
      tcp_port: ports.rtcTcp,
      udp_port: ports.rtcUdp,
    },
    keys: options.keys,
    ...(options.webhookUrls?.length
      ? { webhook: { api_key: options.webhookKey ?? Object.keys(options.keys)[0], urls: options.webhookUrls } }
      : {}),
    logging: { level: options.logLevel ?? "info" },
  };
}

/** Starts a LiveKit server and resolves once its HTTP port answers. */
export async function startLivekitServer(options: LivekitServerOptions): Promise<LivekitServer> {
  const binary = livekitBinary();
  if (!binary) throw new Error(`No LiveKit server at ${LIVEKIT_BIN}: run \`npm run livekit:install\` (needs Go).`);
  // One file per HTTP port, rewritten on each start: nothing piles up in /tmp across runs.
  const configPath = path.join(os.tmpdir(), `aii-livekit-${options.ports.http}.yaml`);
  fs.writeFileSync(configPath, JSON.stringify(livekitConfig(options), null, 2));
  const httpUrl = `http://127.0.0.1:${options.ports.http}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child) return;
    const log = options.logFile ? fs.openSync(options.logFile, "a") : "ignore";
    const started = spawn(binary, ["--config", configPath], { stdio: ["ignore", log, log] });
    if (typeof log === "number") fs.closeSync(log);
    child = started;
    let exited: string | null = null;
    started.once("exit", (code, signal) => {
      exited = signal ?? `exit ${code}`;
      if (child === started) child = null;
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (exited)
        throw new Error(
          `LiveKit server exited while starting (${exited})${options.logFile ? `; see ${options.logFile}` : ""}`,
        );
      if (await answers(httpUrl)) return;
      if (Date.now() > deadline) {
        started.kill("SIGKILL");
        throw new Error(`LiveKit server did not answer on ${httpUrl} within 20 s`);
      }
      await sleep(100);
    }
  };

  const stop = async () => {
    const running = child;
    if (!running) return;
    const gone = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const killer = setTimeout(() => running.kill("SIGKILL"), 3_000); // LiveKit may wait to drain a just-started server
    await gone;
    clearTimeout(killer);
    // The ports are free once the process is gone, but give the kernel a moment for the UDP socket.
    await waitUntilClosed(options.ports.http);
  };

  await start();
  return {
    url: `ws://127.0.0.1:${options.ports.http}`,
    httpUrl,
    ports: options.ports,
    pid: () => child?.pid ?? null,
    stop,
    start,
  };
}

/** Three distinct free loopback ports; the last is free for UDP as well. */
export async function freeLivekitPorts(): Promise<LivekitPorts> {
  const ports: number[] = [];
  while (ports.length < 3) {
    const port = await freeTcpPort();
    if (ports.includes(port)) continue;
    if (ports.length === 2 && !(await udpFree(port))) continue;
    ports.push(port);
  }
  return { http: ports[0]!, rtcTcp: ports[1]!, rtcUdp: ports[2]! };
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilClosed(port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (!open) return;
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
