// Runs once when a Next server process starts (next dev / next start). `npm start` (scripts/start.mjs) calls it
// before the port is bound, so a server that cannot boot exits without ever listening.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootOrExit } = await import("./lib/server/boot-or-exit");
  await bootOrExit();
}
