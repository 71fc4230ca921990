// `tsx --import ./scripts/register-server-only.mjs scripts/<name>.ts` (or `node --import tsx --import ...`): lets
// scripts, workers and benchmarks load lib modules marked `import "server-only"` (see scripts/server-only-hooks.mjs).
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
