/**
 * What the demo must do, per event id (`examples/expected-outcomes.json`), and the checks that say whether it did:
 * each event's outcome and wanted ECBN, the DLQ holding every dead-lettered event with its reason attributes, and
 * the simulator holding every ECBN the handler says it put. Pure; a difference is one readable line.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { OUTCOME_METRIC } from '../../lambda/flow/record-report.js';
import { sameWebexId, webexIdKey } from '../../lambda/webex/ids.js';
import type { DeadLetterRow } from './dead-letters.js';
import type { OutcomeRow } from './outcome-rows.js';

const OUTCOMES = Object.keys(OUTCOME_METRIC) as [keyof typeof OUTCOME_METRIC, ...(keyof typeof OUTCOME_METRIC)[]];

const expectationSchema = z.strictObject({
  /** One sentence: what this event shows. */
  story: z.string().min(1),
  outcome: z.enum(OUTCOMES),
  wanted: z.strictObject({ selected: z.string().min(1), locationMemberId: z.string().min(1).optional() }).optional(),
  reasonIncludes: z.string().min(1).optional(),
  errorClass: z.enum(['permanent', 'transient', 'configuration']).optional(),
  errorIncludes: z.string().min(1).optional(),
  /** True: the record must have been received more than once (deferred first, then done). */
  retried: z.boolean().optional(),
});

const expectedOutcomesSchema = z.strictObject({
  description: z.string(),
  events: z.record(z.string().min(1), expectationSchema),
});

export type Expectation = z.infer<typeof expectationSchema>;
export type ExpectedOutcomes = z.infer<typeof expectedOutcomesSchema>;

/** Where the demo's expectations live. */
export const DEMO_EXPECTED_OUTCOMES_PATH = 'examples/expected-outcomes.json';

/**
 * Reads and checks the expectations file (unknown keys are errors: a typo must not turn a check off).
 *
 * @example
 * loadExpectedOutcomes('examples/expected-outcomes.json').events['hr-demo-bob-0001']?.outcome; // 'updated'
 */
export function loadExpectedOutcomes(file: string): ExpectedOutcomes {
  const parsed = expectedOutcomesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${file} is not a valid expectations file: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Differences between the rows and the expectations; empty when every event did what it should and every
 * expectation was exercised.
 *
 * @example
 * compareWithExpected(rows, expected); // ['bob-created.bare: outcome unchanged, expected updated']
 */
export function compareWithExpected(rows: readonly OutcomeRow[], expected: ExpectedOutcomes): string[] {
  const differences: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.eventId === undefined ? row.label : `${row.label} (${row.eventId})`;
    const expectation = row.eventId === undefined ? undefined : expected.events[row.eventId];
    if (!expectation) {
      differences.push(`${name}: no expectation for this event id`);
      continue;
    }
    seen.add(row.eventId as string);
    differences.push(...compareRow(row, expectation).map((difference) => `${name}: ${difference}`));
  }
  for (const eventId of Object.keys(expected.events)) {
    if (!seen.has(eventId)) differences.push(`${eventId}: expected, but no published event has this id`);
  }
  return differences;
}

function compareRow(row: OutcomeRow, expectation: Expectation): string[] {
  const differences: string[] = [];
  const report = row.report;
  if (row.outcome !== expectation.outcome) {
    differences.push(`outcome ${row.outcome}, expected ${expectation.outcome}`);
  }
  if (expectation.wanted) {
    const wanted = report?.wanted;
    const sameSelected = wanted?.selected === expectation.wanted.selected;
    const sameMember =
      expectation.wanted.locationMemberId === undefined
        ? wanted?.locationMemberId === undefined
        : sameWebexId(wanted?.locationMemberId, expectation.wanted.locationMemberId);
    if (!sameSelected || !sameMember) {
      differences.push(`wanted ${describe(wanted)}, expected ${describe(expectation.wanted)}`);
    }
  }
  if (expectation.reasonIncludes !== undefined && !(report?.reason ?? '').includes(expectation.reasonIncludes)) {
    differences.push(`reason "${report?.reason ?? ''}" does not mention "${expectation.reasonIncludes}"`);
  }
  if (expectation.errorClass !== undefined && report?.errorClass !== expectation.errorClass) {
    differences.push(`error class ${report?.errorClass ?? 'none'}, expected ${expectation.errorClass}`);
  }
  if (expectation.errorIncludes !== undefined && !(report?.error ?? '').includes(expectation.errorIncludes)) {
    differences.push(`error "${report?.error ?? ''}" does not mention "${expectation.errorIncludes}"`);
  }
  if (expectation.retried !== undefined) {
    const retried = (report?.receiveCount ?? 0) > 1;
    if (retried !== expectation.retried) {
      differences.push(
        expectation.retried
          ? `done on its first receive, expected a retry (the story needs the person to be not ready at first)`
          : `received ${report?.receiveCount ?? 0} times, expected once`,
      );
    }
  }
  return differences;
}

/**
 * Every dead-lettered row must be in the DLQ with both reason attributes, and the DLQ must hold nothing else.
 *
 * @example
 * checkDeadLetters(rows, dlqRows); // ['invalid-email-and-typo: in the DLQ without ecbn-error']
 */
export function checkDeadLetters(rows: readonly OutcomeRow[], deadLetters: readonly DeadLetterRow[]): string[] {
  const differences: string[] = [];
  for (const row of rows.filter((r) => r.outcome === 'dead-lettered')) {
    const found = deadLetters.filter((d) => d.sourceMessageId === row.messageId);
    if (found.length !== 1) {
      differences.push(`${row.label}: dead-lettered, but found ${found.length} time(s) in the DLQ`);
      continue;
    }
    const [message] = found;
    if (message?.errorClass === undefined) differences.push(`${row.label}: in the DLQ without ecbn-error-class`);
    if (message?.error === undefined) differences.push(`${row.label}: in the DLQ without ecbn-error`);
  }
  const deadLettered = new Set(rows.filter((r) => r.outcome === 'dead-lettered').map((r) => r.messageId));
  for (const message of deadLetters) {
    if (message.sourceMessageId === undefined || !deadLettered.has(message.sourceMessageId)) {
      differences.push(`${message.label}: in the DLQ, but not reported dead-lettered`);
    }
  }
  return differences;
}

/** A person's ECBN as Webex holds it (the simulator's state). */
export type HeldSetting = { readonly selected: string; readonly locationMemberId?: string | undefined } | undefined;

/**
 * The last row the handler says it put (or found right) for each person must be what Webex now holds for them: with
 * several events for one person, the newest applied one decides (the person ledger's contract).
 *
 * @example
 * checkWebexHolds(rows, (id) => simulator.state.personEcbnSetting(id));
 */
export function checkWebexHolds(rows: readonly OutcomeRow[], held: (personId: string) => HeldSetting): string[] {
  const differences: string[] = [];
  const lastApplied = new Map<string, OutcomeRow>();
  for (const row of rows) {
    const report = row.report;
    if (!report || !['updated', 'fallback-updated', 'unchanged'].includes(report.outcome)) continue;
    lastApplied.set(report.personId === undefined ? row.label : webexIdKey(report.personId), row);
  }
  for (const row of lastApplied.values()) {
    const report = row.report;
    if (!report) continue;
    if (report.personId === undefined || report.wanted === undefined) {
      differences.push(`${row.label}: ${report.outcome} without a person or wanted ECBN in its report`);
      continue;
    }
    const holds = held(report.personId);
    const same =
      holds?.selected === report.wanted.selected &&
      (report.wanted.locationMemberId === undefined
        ? holds.locationMemberId === undefined
        : sameWebexId(holds.locationMemberId, report.wanted.locationMemberId));
    if (!same) {
      differences.push(
        `${row.label}: Webex holds ${describe(holds)}, but the handler reported ${describe(report.wanted)}`,
      );
    }
  }
  return differences;
}

function describe(
  setting: { selected?: string | undefined; locationMemberId?: string | undefined } | undefined,
): string {
  if (!setting) return 'nothing';
  const selected = setting.selected ?? '?';
  return setting.locationMemberId === undefined ? selected : `${selected} ${webexIdKey(setting.locationMemberId)}`;
}
