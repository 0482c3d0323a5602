/**
 * The local pipeline (`startLocalPipeline`) loaded with a bench population, plus the accounting every pipeline run
 * ends with: did every event reach a final outcome, the one its person's state predicted, and is every person's ECBN
 * in the simulator what the rules want? Nothing lost means all of that, and an empty queue and DLQ.
 */
import type { Outcome } from '../../lambda/flow/record-report.js';
import { startLocalPipeline, queueDepths, type LocalPipeline, type LocalPipelineOptions } from '../pipeline.js';
import { createEventTracker, type EventTracker } from './event-tracker.js';
import { sameSetting, type BenchPerson } from './population.js';

export interface BenchPipeline {
  readonly pipeline: LocalPipeline;
  readonly tracker: EventTracker;
}

/**
 * Starts the pipeline with its poller stopped and adds the people to the simulator's org.
 *
 * @example
 * const { pipeline, tracker } = await startBenchPipeline(people, { simulator: { latencyMs: 50 } });
 */
export async function startBenchPipeline(
  people: readonly BenchPerson[],
  options: Omit<LocalPipelineOptions, 'onReport' | 'startPoller'>,
): Promise<BenchPipeline> {
  const tracker = createEventTracker();
  const pipeline = await startLocalPipeline({ ...options, onReport: tracker.onReport, startPoller: false });
  for (const person of people) pipeline.webex.state.addPerson(person.fixture);
  return { pipeline, tracker };
}

/** Every event accounted for (or not). */
export interface Accounting {
  readonly published: number;
  /** Events with a final outcome. */
  readonly final: number;
  /** Events without one when the run ended. */
  readonly missing: number;
  /** Reports per outcome (deferred ones included: they came back and finished later). */
  readonly outcomes: Partial<Record<Outcome, number>>;
  /** Events whose final outcome is not the one predicted (`unchanged` when already right, else `updated`). */
  readonly unexpectedOutcomes: number;
  /** People whose ECBN in the simulator differs from what the rules want. */
  readonly wrongState: number;
  readonly duplicateFinals: number;
  readonly deadLettered: number;
  /** Messages left in the source queue after the drain. */
  readonly leftInQueue: number;
  readonly nothingLost: boolean;
}

/**
 * Drains the queue, empties the DLQ and checks every event and person.
 *
 * @example
 * const accounting = await accountFor({ pipeline, tracker }, people);
 * if (!accounting.nothingLost) console.error('LOST', accounting);
 */
export async function accountFor(bench: BenchPipeline, people: readonly BenchPerson[]): Promise<Accounting> {
  const { pipeline, tracker } = bench;
  await pipeline.drain({ idleMs: 300, timeoutMs: 30_000 }).catch(() => undefined);
  const depths = await queueDepths(pipeline);
  const deadLetters = await pipeline.readDeadLetters();
  let final = 0;
  let unexpectedOutcomes = 0;
  let wrongState = 0;
  for (const person of people) {
    const outcome = tracker.finals.get(person.event.eventId)?.outcome;
    if (outcome !== undefined) final += 1;
    const predicted = person.alreadyRight ? 'unchanged' : 'updated';
    if (outcome !== undefined && outcome !== predicted) unexpectedOutcomes += 1;
    if (!sameSetting(pipeline.webex.state.personEcbnSetting(person.fixture.id), person.expected)) wrongState += 1;
  }
  const missing = people.length - final;
  return {
    published: people.length,
    final,
    missing,
    outcomes: tracker.outcomeCounts(),
    unexpectedOutcomes,
    wrongState,
    duplicateFinals: tracker.duplicateFinals,
    deadLettered: deadLetters.length,
    leftInQueue: depths.source.total,
    nothingLost:
      missing === 0 &&
      unexpectedOutcomes === 0 &&
      wrongState === 0 &&
      deadLetters.length === 0 &&
      depths.source.total === 0,
  };
}

/** Event ids of people, in order. */
export function eventIdsOf(people: readonly BenchPerson[]): string[] {
  return people.map((person) => person.event.eventId);
}
