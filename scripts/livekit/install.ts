// `npm run livekit:install`: builds LiveKit's server from the Go module proxy into .bin/livekit-server.
//   --if-missing   do nothing when a server is already there (npm test and .ci/run use this)
// Without Go it says how to get a server instead and exits non-zero; with --if-missing it only warns (the real-relay
// suites then do not run and say so), unless LIVEKIT_REQUIRED=1 (CI), where a missing server is an error.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LIVEKIT_BIN, LIVEKIT_VERSION, livekitBinary } from "./server-process";

const MODULE = `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`;

export const HOW_TO_GET_A_SERVER = `To run a real LiveKit server here, either
  - install Go (https://go.dev/dl/) and run \`npm run livekit:install\`, which runs
      go install ${MODULE}
    and puts the binary at .bin/livekit-server; or
  - download LiveKit's own binary (https://github.com/livekit/livekit/releases, or \`curl -sSL https://get.livekit.io | bash\`)
    and set LIVEKIT_SERVER_BIN to its path; or
  - run LiveKit's image: docker run --rm -p 7880:7880 -p 7881:7881 -p 7882:7882/udp -v $PWD/livekit.dev.yaml:/livekit.yaml \\
      livekit/livekit-server:${LIVEKIT_VERSION} --config /livekit.yaml
Without a server the app runs as always: candidates' rooms continue in local mode and every answer is still recorded.`;

export function installLivekit({ ifMissing }: { ifMissing: boolean }): number {
  if (ifMissing && livekitBinary()) {
    console.log(`[livekit] server present: ${LIVEKIT_BIN}`);
    return 0;
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0) {
    const required = process.env.LIVEKIT_REQUIRED === "1";
    console.error(`[livekit] Go is not installed, so no LiveKit server can be built.\n${HOW_TO_GET_A_SERVER}`);
    if (ifMissing && !required) {
      console.error("[livekit] The tests that need a real LiveKit server will not run.");
      return 0;
    }
    return 1;
  }
  const gobin = fs.mkdtempSync(path.join(os.tmpdir(), "aii-gobin-"));
  console.log(`[livekit] ${go.stdout.trim()}: go install ${MODULE} (a few minutes the first time)`);
  const started = Date.now();
  const result = spawnSync("go", ["install", MODULE], { stdio: "inherit", env: { ...process.env, GOBIN: gobin } });
  if (result.status !== 0) {
    console.error(`[livekit] go install failed (${result.signal ?? `exit ${result.status}`}).\n${HOW_TO_GET_A_SERVER}`);
    return 1;
  }
  const target = path.join(path.resolve(import.meta.dirname, "..", ".."), ".bin", "livekit-server");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(gobin, "server"), `${target}.tmp`);
  fs.chmodSync(`${target}.tmp`, 0o755);
  fs.renameSync(`${target}.tmp`, target);
  fs.rmSync(gobin, { recursive: true, force: true });
  console.log(`[livekit] installed ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  process.exit(installLivekit({ ifMissing: process.argv.includes("--if-missing") }));
}
