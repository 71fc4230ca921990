// `npm run livekit`: a LiveKit server for development, configured by livekit.dev.yaml (loopback, the app's dev key,
// webhooks to the app of `npm run dev`). Builds the server first when Go is there; without Go it says how to get one.
import { spawn } from "node:child_process";
import path from "node:path";
import { installLivekit } from "./install";
import { LIVEKIT_BIN, ROOT, livekitBinary } from "./server-process";

if (!livekitBinary() && installLivekit({ ifMissing: false }) !== 0) process.exit(1);

const config = path.join(ROOT, "livekit.dev.yaml");
console.log(`[livekit] ${LIVEKIT_BIN} --config ${path.relative(process.cwd(), config)}`);
console.log(
  "[livekit] signalling ws://localhost:7880, media TCP 7881 and UDP 7882; webhooks to http://localhost:3000/api/livekit/webhook",
);
const server = spawn(LIVEKIT_BIN, ["--config", config], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
