/**
 * The bench's targets (issue 6 §2) and the maths behind the derived figures. Pure: every verdict is computed here
 * from measured numbers, and a missed target is information, never an exception.
 */
import { round } from './stats.js';

/** 1 KB in the bundle target is 1024 bytes (KiB), as esbuild reports sizes. */
export const BYTES_PER_KB = 1024;

/** The targets, as numbers. */
export const TARGETS = {
  /** Throughput ÷ the rate limit's ceiling, with nothing lost. */
  minCeilingRatio: 0.9,
  /** Webex calls per event whose ECBN had to change (GET person, GET ECBN, PUT). */
  maxCallsPerChangedEvent: 3,
  /** Webex calls per event whose ECBN was already right (GET person, GET ECBN). */
  maxCallsPerUnchangedEvent: 2,
  /** Person-ledger (DynamoDB) calls per event: take the lease with the state, commit and release (issue 10). */
  maxLedgerCallsPerEvent: 2,
  /**
   * The product's own overhead, as a ratio that holds on any machine: the handler's CPU per event ÷ the CPU of the
   * same Webex requests sent by a bare keep-alive client (the floor no handler can beat), measured in the same run.
   * Events per CPU-second and the cold-init ratio are reported as information only (no target): an absolute rate
   * differs from machine to machine for the same code, and a few tens of milliseconds of init delay no caller of a
   * queue-driven function.
   */
  maxHandlerCpuRatio: 1.5,
  /** Deployable bundle (index.mjs). */
  maxBundleBytes: 600 * BYTES_PER_KB,
} as const;

/**
 * The most events per second a Webex rate limit allows: `R ÷ calls per event`. The bench starts the run with an
 * empty token bucket, so the bucket's burst adds nothing and this is the exact bound.
 *
 * @example
 * ceilingEventsPerSec(400, 2.5); // 160
 */
export function ceilingEventsPerSec(requestsPerSecond: number, callsPerEvent: number): number {
  if (!(requestsPerSecond > 0) || !(callsPerEvent > 0)) {
    throw new RangeError(`need a positive rate and calls per event, got ${requestsPerSecond} and ${callsPerEvent}`);
  }
  return requestsPerSecond / callsPerEvent;
}

/**
 * Webex calls per event that the limit had to serve: every answered request except the 429s themselves (a 429 uses
 * no token of the simulator's bucket).
 *
 * @example
 * servedCallsPerEvent({ requests: 5574, rateLimited: 144, events: 2000 }); // 2.715
 */
export function servedCallsPerEvent(input: { requests: number; rateLimited: number; events: number }): number {
  if (!(input.events > 0)) throw new RangeError(`need at least one event, got ${input.events}`);
  return (input.requests - input.rateLimited) / input.events;
}

/** Everything the verdicts need. */
export interface MeasuredFigures {
  readonly ceilingRatio: number;
  /** Every event has a final outcome, nothing unexpected in the DLQ, every person in the expected state. */
  readonly nothingLost: boolean;
  readonly callsPerChangedEvent: number;
  readonly callsPerUnchangedEvent: number;
  readonly ledgerCallsPerEvent: number;
  /** Handler CPU per event (with HTTP) ÷ bare keep-alive client CPU per event for the same requests. */
  readonly handlerCpuRatio: number;
  readonly bundleBytes: number;
}

/** One line of the summary table. */
export interface TargetVerdict {
  readonly metric: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

/**
 * @example
 * evaluateTargets(figures).filter((v) => !v.pass); // the missed targets
 */
export function evaluateTargets(m: MeasuredFigures): TargetVerdict[] {
  return [
    {
      metric: 'ceilingRatio (throughput ÷ rate-limit ceiling)',
      target: `≥ ${TARGETS.minCeilingRatio}, nothing lost`,
      measured: `${round(m.ceilingRatio, 3)}${m.nothingLost ? ', nothing lost' : ', EVENTS LOST OR WRONG'}`,
      pass: m.ceilingRatio >= TARGETS.minCeilingRatio && m.nothingLost,
    },
    {
      metric: 'webexCallsPerEvent.changed',
      target: `≤ ${TARGETS.maxCallsPerChangedEvent}`,
      measured: String(round(m.callsPerChangedEvent, 3)),
      pass: m.callsPerChangedEvent <= TARGETS.maxCallsPerChangedEvent,
    },
    {
      metric: 'webexCallsPerEvent.unchanged',
      target: `≤ ${TARGETS.maxCallsPerUnchangedEvent}`,
      measured: String(round(m.callsPerUnchangedEvent, 3)),
      pass: m.callsPerUnchangedEvent <= TARGETS.maxCallsPerUnchangedEvent,
    },
    {
      metric: 'ledgerCallsPerEvent (DynamoDB)',
      target: `≤ ${TARGETS.maxLedgerCallsPerEvent}`,
      measured: String(round(m.ledgerCallsPerEvent, 3)),
      pass: m.ledgerCallsPerEvent <= TARGETS.maxLedgerCallsPerEvent,
    },
    {
      metric: 'handlerCpuRatio (handler ÷ bare client, same requests)',
      target: `≤ ${TARGETS.maxHandlerCpuRatio}`,
      measured: String(round(m.handlerCpuRatio, 2)),
      pass: m.handlerCpuRatio <= TARGETS.maxHandlerCpuRatio,
    },
    {
      metric: 'bundleBytes',
      target: `≤ ${TARGETS.maxBundleBytes / BYTES_PER_KB} KB (${TARGETS.maxBundleBytes} B)`,
      measured: `${round(m.bundleBytes / BYTES_PER_KB, 1)} KB (${m.bundleBytes} B)`,
      pass: m.bundleBytes <= TARGETS.maxBundleBytes,
    },
  ];
}
