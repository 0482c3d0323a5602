/**
 * Latency from publish to outcome, and Webex calls per event, through the whole local pipeline with every simulator
 * answer delayed by 50 ms and no rate limit. Events are published at a steady rate well under the pipeline's capacity
 * (an open loop), so the figure is the time one event takes — queue, poll, batch, Webex calls, report — not time spent
 * behind a backlog. Publish time is taken just before each `SendMessageBatch`; outcome time when its report arrives.
 *
 * The same run gives the calls per event: each request in the simulator's log is attributed, by its `TrackingID`, to
 * the event that made it, and counted under that event's outcome (changed: a PUT was made; unchanged: it was right).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EcbnRules } from '../../../lambda/rules/index.js';
import type { OrgFixture } from '../../webex-simulator/index.js';
import { accountFor, eventIdsOf, startBenchPipeline, type Accounting } from '../bench-pipeline.js';
import { attributeCalls, type CallAttribution } from '../call-attribution.js';
import { generatePopulation } from '../population.js';
import { summarize, type SampleSummary } from '../stats.js';

export interface LatencyOptions {
  readonly org: OrgFixture;
  readonly rules: EcbnRules;
  readonly rulesFile: string;
  /** Events on the clock. */
  readonly events: number;
  /** Events processed (and discarded) first: token fetch, JIT, connections. */
  readonly warmupEvents: number;
  readonly publishPerSecond: number;
  readonly simulatedLatencyMs: number;
  readonly maxConcurrentBatches: number;
  readonly progress: (line: string) => void;
}

export interface LatencyMeasurement {
  readonly latencyMs: SampleSummary;
  readonly calls: CallAttribution;
  /** Person-ledger (DynamoDB) requests per timed event, by operation and in total. */
  readonly ledger: { readonly callsPerEvent: number; readonly byOperation: Readonly<Record<string, number>> };
  /** Sum of the simulator's per-endpoint counters over the timed events (cross-check of the attribution). */
  readonly counterTotal: number;
  readonly counters: Readonly<Record<string, number>>;
  readonly accounting: Accounting;
  readonly parameters: {
    readonly events: number;
    readonly warmupEvents: number;
    readonly publishPerSecond: number;
    readonly simulatedLatencyMs: number;
    readonly maxConcurrentBatches: number;
  };
}

/** Publishing ticks per second (each sends `publishPerSecond / TICKS_PER_SECOND` events). */
const TICKS_PER_SECOND = 10;

export async function measureLatency(options: LatencyOptions): Promise<LatencyMeasurement> {
  const people = generatePopulation(options.org, options.rules, {
    count: options.warmupEvents + options.events,
    seed: 2,
    namespace: 1,
  });
  const warmup = people.slice(0, options.warmupEvents);
  const timed = people.slice(options.warmupEvents);
  const ledgerCalls: Record<string, number> = {};
  const bench = await startBenchPipeline(people, {
    dynamoDbThread: true,
    onLedgerCall: (operation) => {
      ledgerCalls[operation] = (ledgerCalls[operation] ?? 0) + 1;
    },
    rulesFile: options.rulesFile,
    simulator: { latencyMs: options.simulatedLatencyMs },
    poller: { maxConcurrentBatches: options.maxConcurrentBatches },
  });
  const { pipeline, tracker } = bench;
  try {
    await pipeline.startPolling();
    if (warmup.length > 0) {
      await pipeline.publish(warmup.map((person) => JSON.stringify(person.event)));
      await tracker.waitForFinals(eventIdsOf(warmup), 60_000);
    }
    pipeline.webex.resetCounters();
    pipeline.webex.clearRequestLog();
    for (const operation of Object.keys(ledgerCalls)) delete ledgerCalls[operation];

    const publishedAt = new Map<string, number>();
    const perTick = Math.max(1, Math.round(options.publishPerSecond / TICKS_PER_SECOND));
    const startedAt = Date.now();
    for (let tick = 0, next = 0; next < timed.length; tick++) {
      const due = startedAt + (tick * 1000) / TICKS_PER_SECOND;
      if (due > Date.now()) await sleep(due - Date.now());
      const chunk = timed.slice(next, next + perTick);
      next += chunk.length;
      const now = Date.now();
      for (const person of chunk) publishedAt.set(person.event.eventId, now);
      await pipeline.publish(chunk.map((person) => JSON.stringify(person.event)));
    }
    const done = await tracker.waitForFinals(eventIdsOf(timed), 60_000);
    if (!done) options.progress('  latency: gave up waiting for some events');

    const latencies: number[] = [];
    for (const [eventId, sentAt] of publishedAt) {
      const final = tracker.finals.get(eventId);
      if (final) latencies.push(final.at - sentAt);
    }
    const timedIds = new Set(eventIdsOf(timed));
    const calls = attributeCalls(
      tracker.reports.filter((report) => report.eventId !== undefined && timedIds.has(report.eventId)),
      pipeline.webex.requestLog,
    );
    const counters = pipeline.webex.counters();
    const ledgerTotal = Object.values(ledgerCalls).reduce((sum, count) => sum + count, 0);
    await pipeline.poller?.stop();
    const accounting = await accountFor(bench, people);
    return {
      latencyMs: summarize(latencies.length > 0 ? latencies : [Number.NaN]),
      calls,
      ledger: { callsPerEvent: timed.length === 0 ? 0 : ledgerTotal / timed.length, byOperation: { ...ledgerCalls } },
      counterTotal: Object.values(counters).reduce((sum, count) => sum + count, 0),
      counters,
      accounting,
      parameters: {
        events: timed.length,
        warmupEvents: warmup.length,
        publishPerSecond: perTick * TICKS_PER_SECOND,
        simulatedLatencyMs: options.simulatedLatencyMs,
        maxConcurrentBatches: options.maxConcurrentBatches,
      },
    };
  } finally {
    await pipeline.stop();
  }
}
