// Module resolution hooks for scripts run outside Next (registered by scripts/register-server-only.mjs). Next builds
// server code with the "react-server" condition, where `server-only` is an empty module; plain Node resolves its
// default entry, which throws. A worker or a seed script is server code, so it gets the empty module too.
const EMPTY_MODULE = "data:text/javascript,export {};";

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: EMPTY_MODULE, shortCircuit: true };
  return nextResolve(specifier, context);
}
