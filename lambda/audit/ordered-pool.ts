/**
 * Bounded concurrency that keeps input order and streams: at most `concurrency` tasks run, results come out in the
 * order their inputs went in, and inputs are pulled only as slots free up — so a 100,000-item input is never held.
 */

/**
 * @example
 * for await (const record of mapOrdered(people, 32, auditOne)) write(record);
 */
export async function* mapOrdered<T, R>(
  inputs: AsyncIterable<T>,
  concurrency: number,
  task: (input: T) => Promise<R>,
): AsyncGenerator<R> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  const iterator = inputs[Symbol.asyncIterator]();
  const running: Promise<R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && running.length < concurrency) {
        const next = await iterator.next();
        if (next.done === true) exhausted = true;
        else {
          const pending = task(next.value);
          // Settled later, in order; a rejection is re-thrown when its turn comes (no unhandled rejection meanwhile).
          pending.catch(() => undefined);
          running.push(pending);
        }
      }
      const head = running.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
