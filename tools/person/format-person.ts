/**
 * What `npm run person` prints for one person, from the ledger: placement, newest event, current decision, history.
 * Pure (tested on its own); ids are shown as the canonical `TYPE/uuid`.
 */
import type { HistoryEntry, LedgerPersonRecord, LedgerSetting } from '../../lambda/ledger/types.js';
import { webexIdKey } from '../../lambda/webex/ids.js';

const NOTHING = '—';

/**
 * @example
 * formatPerson(record).forEach((line) => console.log(line));
 */
export function formatPerson(record: LedgerPersonRecord): string[] {
  const { state, history } = record;
  const placement = state.placement;
  const decision = state.decision;
  return [
    `Person        ${webexIdKey(state.personId)}${state.email ? ` (${state.email})` : ''}`,
    `Org           ${state.orgId ? webexIdKey(state.orgId) : NOTHING}`,
    `Placement     ${
      placement
        ? `${webexIdKey(placement.locationId)}, building ${placement.building ?? NOTHING}, floor ${placement.floor ?? NOTHING}`
        : NOTHING
    }`,
    `Newest event  ${
      state.newest ? `${state.newest.eventId} (${state.newest.eventType} at ${iso(state.newest.at)})` : NOTHING
    }`,
    `Decision      ${
      decision
        ? `${settingText(decision.wanted)}: ${decision.outcome} at ${iso(decision.at)} by ${decision.eventId}; ` +
          `reason ${decision.reason}${decision.attention ? `; ATTENTION: ${decision.attention}` : ''}` +
          `${decision.trackingIds.length > 0 ? `; TrackingID ${decision.trackingIds.join(', ')}` : ''}`
        : NOTHING
    }`,
    `Zone member   ${state.memberKey ?? NOTHING}`,
    '',
    `History (${history.length} event(s), oldest first)`,
    ...historyTable(history),
  ];
}

function historyTable(history: readonly HistoryEntry[]): string[] {
  const rows = history.map((entry) => [
    iso(entry.at),
    entry.eventAt === undefined ? NOTHING : iso(entry.eventAt),
    entry.eventId,
    entry.eventType,
    entry.outcome,
    entry.wanted ? settingText(entry.wanted) : NOTHING,
    [entry.reason ?? entry.error ?? NOTHING, entry.attention ? `ATTENTION: ${entry.attention}` : '']
      .filter(Boolean)
      .join('; '),
    entry.trackingIds.join(', ') || NOTHING,
  ]);
  const header = ['Processed', 'Event time', 'Event id', 'Type', 'Outcome', 'Wanted', 'Why', 'TrackingID'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function settingText(setting: LedgerSetting): string {
  return setting.locationMemberId === undefined
    ? setting.selected
    : `${setting.selected} ${webexIdKey(setting.locationMemberId)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
