/**
 * One row per published event: who, where, which ECBN was wanted and why, and what happened — in names, not ids.
 * Pure: built from the event, its last record report and a {@link Directory}.
 */
import type { Outcome, RecordReport } from '../../lambda/flow/record-report.js';
import { webexIdKey } from '../../lambda/webex/ids.js';
import type { Directory } from './directory.js';
import type { SampleEvent } from './event-files.js';

/** An event's outcome, or `missing` when no report came back for it. */
export type RowOutcome = Outcome | 'missing';

export interface OutcomeRow {
  readonly label: string;
  readonly eventId: string | undefined;
  readonly messageId: string;
  readonly person: string;
  readonly location: string;
  /** e.g. `LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111`, `DIRECT_LINE +15125550301`, `—`. */
  readonly wanted: string;
  readonly outcome: RowOutcome;
  /** e.g. `updated, was NONE`, `dead-lettered (permanent)`, `deferred 2s (transient)`. */
  readonly outcomeText: string;
  /** The decision's reason, or the error that stopped the record. */
  readonly why: string;
  /** The report the row is built from (the last one for its message). */
  readonly report: RecordReport | undefined;
}

/** Shown where a row has nothing to say. */
export const NOTHING = '—';

/**
 * @example
 * buildOutcomeRow(event, messageId, report, names);
 * // { person: 'Bob Martinez', location: 'San Jose HQ', wanted: 'LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone
 * //   +14085550111', outcomeText: 'updated, was NONE', why: 'zone San Jose HQ/B1/1', … }
 */
export function buildOutcomeRow(
  event: SampleEvent,
  messageId: string,
  report: RecordReport | undefined,
  names: Directory,
): OutcomeRow {
  return {
    label: event.label,
    eventId: report?.eventId ?? event.eventId,
    messageId,
    person: personText(event, report, names),
    location: report?.locationId ? (names.location(report.locationId) ?? webexIdKey(report.locationId)) : NOTHING,
    wanted: report?.wanted ? settingText(report.wanted, report.personId, report.locationId, names) : NOTHING,
    outcome: report?.outcome ?? 'missing',
    outcomeText: report ? outcomeText(report, names) : 'no report',
    why: report ? whyText(report) : 'the handler reported nothing for this message',
    report,
  };
}

/**
 * An ECBN setting in words.
 *
 * @example
 * settingText({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobbyId }, bobId, hqId, names);
 * // 'LOCATION_MEMBER_NUMBER → SJ-B1-F1 Lobby Phone +14085550111'
 */
export function settingText(
  setting: { readonly selected?: string | undefined; readonly locationMemberId?: string | undefined },
  personId: string | undefined,
  locationId: string | undefined,
  names: Directory,
): string {
  const selected = setting.selected ?? NOTHING;
  if (setting.locationMemberId !== undefined) {
    const member = names.member(setting.locationMemberId);
    const who = member
      ? [member.name, member.phoneNumber].filter(Boolean).join(' ')
      : webexIdKey(setting.locationMemberId);
    return `${selected} → ${who}`;
  }
  if (selected === 'DIRECT_LINE' && personId !== undefined) {
    const number = names.person(personId)?.directNumber;
    if (number !== undefined) return `${selected} ${number}`;
  }
  if (selected === 'LOCATION_ECBN' && locationId !== undefined) {
    const number = names.locationEcbnNumber(locationId);
    if (number !== undefined) return `${selected} ${number}`;
  }
  return selected;
}

function personText(event: SampleEvent, report: RecordReport | undefined, names: Directory): string {
  const known =
    (report?.personId === undefined ? undefined : names.person(report.personId)) ??
    (event.personId === undefined ? undefined : names.person(event.personId)) ??
    (event.personEmail === undefined ? undefined : names.personByEmail(event.personEmail));
  if (known) return known.name;
  if (event.personEmail !== undefined) return event.personEmail;
  const id = report?.personId ?? event.personId;
  return id === undefined ? NOTHING : webexIdKey(id);
}

function outcomeText(report: RecordReport, names: Directory): string {
  switch (report.outcome) {
    case 'updated':
    case 'fallback-updated':
    case 'would-update': {
      const text = report.previous ? `${report.outcome}, was ${previousText(report.previous, names)}` : report.outcome;
      return report.workplaceFrom === 'ledger' ? `${text} (workplace kept)` : text;
    }
    case 'dead-lettered':
      return `dead-lettered (${report.errorClass ?? 'unknown'})`;
    case 'deferred':
      return report.deferSeconds === undefined
        ? `deferred (${report.errorClass ?? 'unknown'})`
        : `deferred ${report.deferSeconds}s (${report.errorClass ?? 'unknown'})`;
    case 'unchanged':
      return report.workplaceFrom === 'ledger' ? 'unchanged (workplace kept)' : report.outcome;
    case 'stale':
    case 'skipped':
      return report.outcome;
  }
}

function previousText(previous: NonNullable<RecordReport['previous']>, names: Directory): string {
  if (previous.locationMemberId !== undefined) {
    return names.member(previous.locationMemberId)?.name ?? webexIdKey(previous.locationMemberId);
  }
  return previous.selected ?? NOTHING;
}

function whyText(report: RecordReport): string {
  const base = report.error ?? report.reason ?? NOTHING;
  return report.attention === undefined ? base : `${base}; ATTENTION: ${report.attention}`;
}
