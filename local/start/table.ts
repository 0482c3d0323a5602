/**
 * Plain-text tables for a terminal: columns padded to their widest cell, the last column left ragged so a long
 * reason wraps in the terminal instead of widening every row.
 */
import type { DeadLetterRow } from './dead-letters.js';
import { NOTHING, type OutcomeRow } from './outcome-rows.js';

/**
 * @example
 * renderTable(['Person', 'Outcome'], [['Bob Martinez', 'updated']]);
 * // ['Person        Outcome', '------------  -------', 'Bob Martinez  updated']
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => oneLine(row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    headers
      .map((_, column) => {
        const cell = oneLine(cells[column] ?? '');
        return column === headers.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/**
 * The outcome table: one row per event.
 *
 * @example
 * renderOutcomeTable(rows).forEach((line) => console.log(line));
 */
export function renderOutcomeTable(rows: readonly OutcomeRow[]): string[] {
  return renderTable(
    ['Event', 'Person', 'Location', 'Wanted ECBN', 'Outcome', 'Why'],
    rows.map((row) => [row.label, row.person, row.location, row.wanted, row.outcomeText, row.why]),
  );
}

/**
 * The DLQ: one row per message, with its reason attributes.
 *
 * @example
 * renderDeadLetterTable(rows); // ['Event  ecbn-error-class  ecbn-error', …]
 */
export function renderDeadLetterTable(rows: readonly DeadLetterRow[]): string[] {
  return renderTable(
    ['Event', 'ecbn-error-class', 'ecbn-error'],
    rows.map((row) => [row.label, row.errorClass ?? '(missing)', row.error ?? '(missing)']),
  );
}

/** Control characters (a newline in a reason) would break the table's alignment. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length === 0 ? NOTHING : flat;
}
