/**
 * Throughput against a Webex rate limit: N events through the whole local pipeline (SQS emulator → poller → real
 * handler → simulator) with the simulator limited to R requests/second. The best any client can do is the ceiling
 * R ÷ Webex calls per event; the ratio to it says how well the product's 429 handling (Retry-After, rate gate,
 * deferral) uses the limit.
 *
 * The bucket holds one second of requests (`burst = R`), since Webex's `Retry-After` counts whole seconds; it starts
 * empty (the limit is raised from a burst of 1 just before the clock starts), so the run gets no free burst and the
 * ceiling is exactly R ÷ calls per event. All events are published before the poller starts.
 */
import type { EcbnRules } from '../../../lambda/rules/index.js';
import type { OrgFixture } from '../../webex-simulator/index.js';
import { accountFor, eventIdsOf, startBenchPipeline, type Accounting } from '../bench-pipeline.js';
import { generatePopulation } from '../population.js';
import { ceilingEventsPerSec, servedCallsPerEvent } from '../targets.js';

export interface ThroughputOptions {
  readonly org: OrgFixture;
  readonly rules: EcbnRules;
  readonly rulesFile: string;
  readonly events: number;
  /** Requests per second of the simulator's limit. */
  readonly rate: number;
  readonly maxConcurrentBatches: number;
  readonly maxParallelRecords: number;
  readonly batchSize: number;
  readonly progress: (line: string) => void;
}

export interface ThroughputMeasurement {
  readonly throughputEventsPerSec: number;
  readonly ceilingEventsPerSec: number;
  readonly ceilingRatio: number;
  /** Webex requests the limit served per event (429 answers excluded: they take no token). */
  readonly servedCallsPerEvent: number;
  readonly webexRequests: number;
  readonly rateLimitedAnswers: number;
  /** Poller start → last final outcome. */
  readonly durationSeconds: number;
  readonly accounting: Accounting;
  readonly parameters: {
    readonly events: number;
    readonly rateLimit: { readonly requestsPerSecond: number; readonly burst: number };
    readonly maxConcurrentBatches: number;
    readonly maxParallelRecords: number;
    readonly batchSize: number;
  };
}

export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputMeasurement> {
  const people = generatePopulation(options.org, options.rules, { count: options.events, seed: 1 });
  const burst = Math.max(1, Math.round(options.rate));
  const bench = await startBenchPipeline(people, {
    dynamoDbThread: true,
    rulesFile: options.rulesFile,
    simulator: { rateLimit: { requestsPerSecond: options.rate, burst: 1 } },
    poller: { maxConcurrentBatches: options.maxConcurrentBatches, batchSize: options.batchSize },
    env: { MAX_PARALLEL_RECORDS: String(options.maxParallelRecords) },
  });
  const { pipeline, tracker } = bench;
  try {
    await pipeline.publish(people.map((person) => JSON.stringify(person.event)));
    // From a burst of 1 to one second's worth: the bucket keeps its (at most one) token, so it starts empty.
    pipeline.webex.configure({ rateLimit: { requestsPerSecond: options.rate, burst } });
    pipeline.webex.resetCounters();
    pipeline.webex.clearRequestLog();

    const startedAt = Date.now();
    await pipeline.startPolling();
    const expectedSeconds = (options.events * 3) / options.rate;
    const ticker = setInterval(() => {
      options.progress(`  throughput: ${tracker.finals.size}/${options.events} events done`);
    }, 3000);
    let done: boolean;
    try {
      done = await tracker.waitForFinals(eventIdsOf(people), Math.max(60_000, expectedSeconds * 4000));
    } finally {
      clearInterval(ticker);
    }
    let lastFinalAt = startedAt;
    for (const final of tracker.finals.values()) lastFinalAt = Math.max(lastFinalAt, final.at);
    const durationSeconds = (lastFinalAt - startedAt) / 1000;
    await pipeline.poller?.stop();

    const webexRequests = Object.values(pipeline.webex.counters()).reduce((sum, count) => sum + count, 0);
    const rateLimitedAnswers = pipeline.webex.requestLog.filter((entry) => entry.status === 429).length;
    const served = servedCallsPerEvent({
      requests: webexRequests,
      rateLimited: rateLimitedAnswers,
      events: people.length,
    });
    const ceiling = ceilingEventsPerSec(options.rate, served);
    const throughput = durationSeconds > 0 ? tracker.finals.size / durationSeconds : 0;
    const accounting = await accountFor(bench, people);
    if (!done) options.progress(`  throughput: gave up waiting; ${accounting.missing} event(s) without an outcome`);
    return {
      throughputEventsPerSec: throughput,
      ceilingEventsPerSec: ceiling,
      ceilingRatio: throughput / ceiling,
      servedCallsPerEvent: served,
      webexRequests,
      rateLimitedAnswers,
      durationSeconds,
      accounting,
      parameters: {
        events: options.events,
        rateLimit: { requestsPerSecond: options.rate, burst },
        maxConcurrentBatches: options.maxConcurrentBatches,
        maxParallelRecords: options.maxParallelRecords,
        batchSize: options.batchSize,
      },
    };
  } finally {
    await pipeline.stop();
  }
}
