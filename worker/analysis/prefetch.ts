// Pulls up to `max` items ahead of the consumer. While the consumer awaits inference (native,
// off the JS thread), the pump keeps draining ffmpeg's stdout, so decode and scoring overlap;
// `max` bounds the memory that buys (a 224² rgb24 frame is 150 kB).
export async function* prefetch<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let space: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const pump = (async () => {
    try {
      while (!done) {
        if (queue.length >= max) {
          await new Promise<void>((r) => (space = r));
          continue;
        }
        const next = await it.next();
        if (next.done) break;
        queue.push(next.value);
        notify();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      notify();
    }
  })();
  try {
    for (;;) {
      if (queue.length) {
        const item = queue.shift()!;
        space?.();
        space = undefined;
        yield item;
      } else if (failure) throw failure.error;
      else if (done) return;
      else await new Promise<void>((r) => (wake = r));
    }
  } finally {
    done = true;
    space?.();
    await it.return?.();
    await pump;
  }
}
