/**
 * Webex calls per event, by what happened to the event: every request in the simulator's log carries the
 * `TrackingID` the client sent, and every record report lists the tracking ids of its attempts, so each request is
 * attributed to the event that made it. Pure.
 */
import type { Outcome } from '../../lambda/flow/record-report.js';

/** The part of a record report this needs. */
export interface ReportedCalls {
  readonly eventId?: string | undefined;
  readonly messageId: string;
  readonly outcome: Outcome;
  readonly trackingIds: readonly string[];
}

/** The part of a simulator log entry this needs. */
export interface LoggedCall {
  readonly trackingId: string;
  /** `METHOD /path-template`. */
  readonly route: string;
}

export type CallCategory = 'changed' | 'unchanged' | 'other';

export interface CategoryCalls {
  readonly events: number;
  readonly calls: number;
  /** `calls ÷ events` (0 without events). */
  readonly callsPerEvent: number;
  /** Per `METHOD /path-template`: calls ÷ events. */
  readonly perEventByRoute: Readonly<Record<string, number>>;
}

export interface CallAttribution {
  readonly changed: CategoryCalls;
  readonly unchanged: CategoryCalls;
  readonly other: CategoryCalls;
  /** Requests whose tracking id no report names (should be 0). */
  readonly unattributedRequests: number;
}

/**
 * The category of an event by its final outcome: `changed` when a PUT was made (`updated`, `fallback-updated`),
 * `unchanged` when Webex already had it right, `other` otherwise.
 *
 * @example
 * callCategory('fallback-updated'); // 'changed'
 */
export function callCategory(outcome: Outcome): CallCategory {
  if (outcome === 'updated' || outcome === 'fallback-updated') return 'changed';
  if (outcome === 'unchanged') return 'unchanged';
  return 'other';
}

/**
 * Attributes every logged request to its event (by tracking id) and counts per category. An event reported more
 * than once (deferred, then done) counts once, in the category of its last report, with the calls of all attempts.
 *
 * @example
 * const calls = attributeCalls(reports, simulator.requestLog);
 * calls.changed.callsPerEvent; // e.g. 3.0
 */
export function attributeCalls(reports: readonly ReportedCalls[], log: readonly LoggedCall[]): CallAttribution {
  const lastOutcome = new Map<string, Outcome>();
  const eventOfTrackingId = new Map<string, string>();
  for (const report of reports) {
    const event = report.eventId ?? report.messageId;
    lastOutcome.set(event, report.outcome);
    for (const trackingId of report.trackingIds) eventOfTrackingId.set(trackingId, event);
  }
  const tallies: Record<CallCategory, { events: number; calls: number; byRoute: Map<string, number> }> = {
    changed: { events: 0, calls: 0, byRoute: new Map() },
    unchanged: { events: 0, calls: 0, byRoute: new Map() },
    other: { events: 0, calls: 0, byRoute: new Map() },
  };
  for (const outcome of lastOutcome.values()) tallies[callCategory(outcome)].events += 1;
  let unattributedRequests = 0;
  for (const entry of log) {
    const event = eventOfTrackingId.get(entry.trackingId);
    const outcome = event === undefined ? undefined : lastOutcome.get(event);
    if (outcome === undefined) {
      unattributedRequests += 1;
      continue;
    }
    const tally = tallies[callCategory(outcome)];
    tally.calls += 1;
    tally.byRoute.set(entry.route, (tally.byRoute.get(entry.route) ?? 0) + 1);
  }
  const finish = (tally: (typeof tallies)[CallCategory]): CategoryCalls => ({
    events: tally.events,
    calls: tally.calls,
    callsPerEvent: tally.events === 0 ? 0 : tally.calls / tally.events,
    perEventByRoute: Object.fromEntries(
      [...tally.byRoute].sort(([a], [b]) => a.localeCompare(b)).map(([route, calls]) => [route, calls / tally.events]),
    ),
  });
  return {
    changed: finish(tallies.changed),
    unchanged: finish(tallies.unchanged),
    other: finish(tallies.other),
    unattributedRequests,
  };
}
