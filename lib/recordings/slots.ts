/** A counting semaphore, first come first served: at most `count` holders at a time, the others wait their turn. */
export function slots(count: number) {
  let free = count;
  const waiting: (() => void)[] = [];
  const take = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await take();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
