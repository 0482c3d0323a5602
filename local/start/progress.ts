/**
 * One line per record report, printed as reports arrive: when, who, what happened, and the ECBN or the reason.
 */
import type { OutcomeRow } from './outcome-rows.js';

/** Where `npm start` writes its lines (console.log by default; tests collect them). */
export type LineWriter = (line: string) => void;

/**
 * @example
 * formatProgressLine('+0.4s', row);
 * // '  +0.4s  Bob Martinez      updated, was NONE         LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111'
 */
export function formatProgressLine(time: string, row: OutcomeRow): string {
  const detail = ['updated', 'fallback-updated', 'would-update', 'unchanged'].includes(row.outcome)
    ? row.wanted
    : row.why;
  return `  ${time.padStart(6)}  ${row.person.padEnd(18)}  ${row.outcomeText.padEnd(28)}  ${detail}`.trimEnd();
}

/**
 * Seconds since `startedAt`, e.g. `+1.3s`.
 *
 * @example
 * elapsedLabel(1_000, 2_340); // '+1.3s'
 */
export function elapsedLabel(startedAt: number, now: number): string {
  return `+${((now - startedAt) / 1000).toFixed(1)}s`;
}

/**
 * Local wall-clock time, e.g. `14:03:07`.
 *
 * @example
 * clockLabel(new Date(2026, 10, 29, 14, 3, 7)); // '14:03:07'
 */
export function clockLabel(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
