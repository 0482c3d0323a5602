import { describe, expect, it } from 'vitest';
import { mapOrdered } from '../../../lambda/audit/ordered-pool.js';
import { createPacer } from '../../../lambda/audit/pacer.js';

async function* numbers(count: number, pulled: number[]): AsyncGenerator<number> {
  for (let i = 0; i < count; i += 1) {
    pulled.push(i);
    yield i;
  }
}

describe('mapOrdered', () => {
  it('keeps input order even when later tasks finish first', async () => {
    const out: number[] = [];
    const delays = [30, 0, 10, 0];

    for await (const n of mapOrdered(numbers(4, []), 4, async (n) => {
      await new Promise((resolve) => setImmediate(resolve));
      for (let i = 0; i < (delays[n] ?? 0); i += 1) await Promise.resolve();
      return n * 10;
    })) {
      out.push(n);
    }

    expect(out).toEqual([0, 10, 20, 30]);
  });

  it('never runs more than the limit at once and pulls inputs only as slots free up', async () => {
    const pulled: number[] = [];
    let running = 0;
    let peak = 0;
    const results = mapOrdered(numbers(10, pulled), 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return n;
    });

    const first = await results.next();

    expect(first.value).toBe(0);
    expect(pulled.length).toBeLessThanOrEqual(4);
    for await (const _ of results) void _;
    expect(peak).toBe(3);
  });

  it('re-throws a failed task when its turn comes', async () => {
    const run = async () => {
      for await (const _ of mapOrdered(numbers(3, []), 2, (n) =>
        n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(n),
      ))
        void _;
    };

    await expect(run()).rejects.toThrow('boom');
  });
});

/** A clock that only moves when the pacer sleeps; `slept` lists the sleeps. */
function sleepingClock(start: number) {
  const clock = { now: start, slept: [] as number[] };
  const sleep = (ms: number) => {
    clock.slept.push(ms);
    clock.now += ms;
    return Promise.resolve();
  };
  return { clock, now: () => clock.now, sleep };
}

describe('createPacer', () => {
  it('spaces requests 1/rate apart on the injected clock', async () => {
    const { clock, now, sleep } = sleepingClock(1_000);
    const pacer = createPacer(10, now, sleep);

    await pacer.take();
    await pacer.take();
    await pacer.take();

    expect(clock.slept).toEqual([100, 100]);
    expect(clock.now).toBe(1_200);
  });

  it('catches up at most `burst` missed slots after the caller was busy', async () => {
    const { clock, now, sleep } = sleepingClock(0);
    const pacer = createPacer(10, now, sleep, 3);
    await pacer.take();
    clock.now = 1_000; // busy for a second: 10 slots missed

    for (let i = 0; i < 4; i += 1) await pacer.take();

    // Three slots at once (the burst), then the pace again.
    expect(clock.slept).toEqual([100]);
    expect(clock.now).toBe(1_100);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createPacer(0, Date.now, () => Promise.resolve())).toThrow(RangeError);
  });
});
