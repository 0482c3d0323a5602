/** A problem `rules:check --org` found, with the rules path it belongs to, and how it is printed. */
import { formatIssuePath } from '../../lambda/events/zod-issues.js';
import { lineSuffix, type LineLocator } from '../../lambda/rules/validate-rules.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  /** Path in the rules file, e.g. `['locations', 0, 'zones', 1, 'callbackMember']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * `error: locations[0].locationId: … (line 31)`, the offline check's `path: message (line N)` with its severity.
 *
 * @example
 * formatFinding({ severity: 'warning', path: ['locations', 1], message: 'x' }, () => 60); // 'warning: locations[1]: x (line 60)'
 */
export function formatFinding(finding: Finding, locate: LineLocator): string {
  return `${finding.severity}: ${formatIssuePath(finding.path)}: ${finding.message}${lineSuffix(locate(finding.path))}`;
}

/** Exit codes of `rules:check`: documented in the README ("Write the rules for your org"). */
export const CHECK_EXIT = {
  clean: 0,
  errors: 1,
  /** The command line cannot run (unknown option, no token …). */
  usage: 2,
  warningsOnly: 3,
} as const;

/** The exit code of a set of findings. */
export function exitCodeOf(findings: readonly Finding[]): number {
  if (findings.some((finding) => finding.severity === 'error')) return CHECK_EXIT.errors;
  return findings.length > 0 ? CHECK_EXIT.warningsOnly : CHECK_EXIT.clean;
}
