// Retry delays for uploads: exponential from half a second, capped so that a candidate whose network comes back is
// never kept waiting long (the `online` event also retries at once), with jitter so many tabs do not retry in step.

const BASE_MS = 500;
const CAP_MS = 8000;

export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
