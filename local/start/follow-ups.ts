/**
 * Events the demo publishes only once an earlier one is done, so the order in which the function *sees* them is the
 * story, whatever the machine's speed: Bob's newer move is published after his creation, the older move (HR's late
 * export) after the newer one was applied — it must come out `stale` — and a department change without workplace after
 * that — it must keep his B2 floor 1 phone (the person ledger, docs/ledger.md).
 */
import path from 'node:path';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import { loadEventsFile, type SampleEvent } from './event-files.js';
import type { LineWriter } from './progress.js';

export interface FollowUp {
  /** Published once the event with this id has a final (not deferred) report. */
  readonly afterEventId: string;
  /** The event file, relative to the events directory. */
  readonly file: string;
  /** How its publication reads in the progress. */
  readonly note: string;
}

export const DEMO_FOLLOW_UPS: readonly FollowUp[] = Object.freeze([
  {
    afterEventId: 'hr-demo-bob-0001',
    file: 'follow-ups/bob-moved.newer.json',
    note: 'HR: Bob moved to B2 floor 1 at 10:00',
  },
  {
    afterEventId: 'hr-demo-bob-0002',
    file: 'follow-ups/bob-moved.older.json',
    note: "HR's late export: Bob moved to B1 floor 2 at 09:30 (older than the move already applied)",
  },
  {
    afterEventId: 'hr-demo-bob-0003',
    file: 'follow-ups/bob-updated.no-workplace.json',
    note: 'HR: Bob changed department (no workplace in the event)',
  },
]);

export interface FollowUpScript {
  onReport(report: RecordReport): void;
  /** Resolves once every publication started so far is done; true when one was started since the last call. */
  settle(): Promise<boolean>;
}

/** The event ids of the follow-ups (the expectations file has one entry per event, follow-ups included). */
export function followUpEventIds(directory: string, followUps: readonly FollowUp[]): (string | undefined)[] {
  return followUps.flatMap((followUp) =>
    loadEventsFile(path.join(directory, followUp.file)).map((event) => event.eventId),
  );
}

/**
 * @example
 * const followUps = scriptFollowUps({ directory: 'examples/events', followUps: DEMO_FOLLOW_UPS, publish, out, timeLabel });
 */
export function scriptFollowUps(options: {
  readonly directory: string;
  readonly followUps: readonly FollowUp[];
  readonly publish: (events: SampleEvent[]) => Promise<void>;
  readonly out: LineWriter;
  readonly timeLabel: () => string;
}): FollowUpScript {
  const done = new Set<string>();
  let started: Promise<void>[] = [];
  return {
    onReport(report) {
      if (report.outcome === 'deferred' || report.eventId === undefined) return;
      for (const followUp of options.followUps) {
        if (followUp.afterEventId !== report.eventId || done.has(followUp.file)) continue;
        done.add(followUp.file);
        options.out(`  ${options.timeLabel().padStart(6)}  [scenario] ${followUp.note}`);
        const events = loadEventsFile(path.join(options.directory, followUp.file)).map((event) => ({
          ...event,
          label: path.basename(followUp.file, '.json'),
        }));
        started.push(options.publish(events));
      }
    },
    async settle() {
      const pending = started;
      started = [];
      await Promise.all(pending);
      return pending.length > 0;
    },
  };
}
