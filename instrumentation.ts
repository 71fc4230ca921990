// Runs once when a Next server process starts (next dev / next start).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installServerHooks } = await import("./lib/server/boot");
  await installServerHooks();
}
