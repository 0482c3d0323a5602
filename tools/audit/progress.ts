/**
 * Progress of a running audit on stderr: people done (of the total when known), Webex calls, people per second and
 * the time left. At most one line per interval; the clock is injected.
 */

export interface ProgressState {
  readonly people: number;
  readonly total: number | undefined;
  readonly webexCalls: number;
  readonly elapsedMs: number;
}

/**
 * @example
 * progressLine({ people: 500, total: 1000, webexCalls: 510, elapsedMs: 10_000 });
 * // 'audit: 500/1000 people (50.0%), 510 Webex calls, 50.0 people/s, ETA 10 s'
 */
export function progressLine(state: ProgressState): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.people / seconds : 0;
  const done =
    state.total === undefined
      ? `${state.people} people`
      : `${state.people}/${state.total} people (${((state.people / Math.max(1, state.total)) * 100).toFixed(1)}%)`;
  const eta =
    state.total !== undefined && rate > 0
      ? `, ETA ${Math.max(0, Math.ceil((state.total - state.people) / rate))} s`
      : '';
  return `audit: ${done}, ${state.webexCalls} Webex calls, ${rate.toFixed(1)} people/s${eta}`;
}

/** Calls `print` with a progress line at most every `intervalMs` (and always for the final state). */
export function createProgressReporter(
  print: (line: string) => void,
  now: () => number,
  intervalMs = 1_000,
): { update(state: Omit<ProgressState, 'elapsedMs'>, final?: boolean): void } {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  return {
    update(state, final = false) {
      const time = now();
      if (!final && time - last < intervalMs) return;
      last = time;
      print(progressLine({ ...state, elapsedMs: time - started }));
    },
  };
}
