/**
 * The demo's story beyond the events themselves: how the local function is configured for a one-minute run, and the
 * new hire whose calling licence arrives a little after HR's event (Frank Lee in examples/demo-org.json).
 */
import type { RecordReport } from '../../lambda/flow/record-report.js';
import type { OrgState, PersonPatch } from '../webex-simulator/index.js';
import type { LineWriter } from './progress.js';

/**
 * Function settings for a demo that ends within a minute: a deferred record comes back in 1–2 s then 2–4 s (not
 * 5–10 s, then minutes), and a person still not ready after one minute is dead-lettered instead of retried for an
 * hour. Production keeps the defaults (lambda/config.ts).
 */
export const DEMO_ENV: Readonly<Record<string, string>> = Object.freeze({
  PERSON_NOT_READY_RETRY_MINUTES: '1',
  DEFER_BASE_SECONDS: '2',
  DEFER_CAP_SECONDS: '4',
});

/** A person HR announces before Webex Calling knows them, and what the Webex admin later assigns. */
export interface LateJoiner {
  /** The event about them (its id). */
  readonly eventId: string;
  readonly email: string;
  /** Short name for the progress lines. */
  readonly firstName: string;
  /** What "the calling licence arrives" changes in the org. */
  readonly patch: PersonPatch;
  /** How the patch reads in the progress. */
  readonly change: string;
}

/** Frank Lee: no calling location in the demo org; becomes HQ, extension 2206. */
export const DEMO_LATE_JOINER: LateJoiner = Object.freeze({
  eventId: 'hr-demo-frank-0001',
  email: 'frank.lee@acme-robotics.example',
  firstName: 'Frank',
  patch: Object.freeze({
    locationId: 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMQ',
    extension: '2206',
  }),
  change: 'San Jose HQ, extension 2206',
});

/** How long after the first "not ready" the licence arrives. */
export const DEFAULT_LATE_JOINER_DELAY_MS = 2_500;

export interface LateJoinerScript {
  /** Feed every record report: the first deferral of the late joiner's event arms the change. */
  onReport(report: RecordReport): void;
  /** True once the person was made ready. */
  readonly madeReady: boolean;
  /** Cancels a pending change (no timer outlives the demo). */
  dispose(): void;
}

/**
 * Makes the late joiner ready `delayMs` after their event is first deferred, so the demo always shows the deferral
 * and the retry, however fast or slow the machine.
 *
 * @example
 * const script = scriptLateJoiner({ state: pipeline.webex.state, joiner: DEMO_LATE_JOINER, delayMs: 2500, out });
 * // pass script.onReport to the pipeline's onReport; script.dispose() at the end
 */
export function scriptLateJoiner(options: {
  readonly state: OrgState;
  readonly joiner: LateJoiner;
  readonly delayMs: number;
  readonly out: LineWriter;
  /** Label of the current time in the progress. */
  readonly timeLabel: () => string;
}): LateJoinerScript {
  const { state, joiner, out } = options;
  let timer: NodeJS.Timeout | undefined;
  let armed = false;
  let madeReady = false;
  return {
    onReport(report) {
      if (armed || report.eventId !== joiner.eventId || report.outcome !== 'deferred') return;
      armed = true;
      out(`  ${''.padStart(6)}  … waiting for ${joiner.firstName}: HR was faster than the calling licence`);
      timer = setTimeout(() => {
        timer = undefined;
        const person = state.personByEmail(joiner.email);
        if (!person) {
          out(`  ${options.timeLabel().padStart(6)}  [scenario] ${joiner.email} is not in the org: nothing to assign`);
          return;
        }
        state.updatePerson(person.id, joiner.patch);
        madeReady = true;
        out(
          `  ${options.timeLabel().padStart(6)}  [Webex admin] ${person.displayName} gets a calling licence: ` +
            `${joiner.change}`,
        );
      }, options.delayMs);
    },
    get madeReady() {
      return madeReady;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
