/**
 * Factories for the `npm start` tests: record reports as the handler produces them, published events, name
 * directories and outcome rows. Each states only what a test is about.
 */
import type { RecordReport } from '../../../lambda/flow/record-report.js';
import { encodeWebexId } from '../../../lambda/webex/ids.js';
import type { DeadLetterRow } from '../../../local/start/dead-letters.js';
import type { Directory, MemberName, PersonName } from '../../../local/start/directory.js';
import { describeEvent, type SampleEvent } from '../../../local/start/event-files.js';
import { buildOutcomeRow, type OutcomeRow } from '../../../local/start/outcome-rows.js';

export const ids = {
  bob: encodeWebexId('PEOPLE', '00000000-0000-4000-8000-000000000b0b'),
  hq: encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000000a1'),
  lobbyPhone: encodeWebexId('PLACE', '00000000-0000-4000-8000-00000000010b'),
  frontDesk: encodeWebexId('HUNT_GROUP', '00000000-0000-4000-8000-0000000000fd'),
};

export function reportFactory(overrides: Partial<RecordReport> = {}): RecordReport {
  return {
    outcome: 'updated',
    reportAsFailed: false,
    messageId: 'msg-1',
    eventId: 'hr-1',
    envelope: 'bare',
    eventType: 'user.created',
    personId: ids.bob,
    locationId: ids.hq,
    wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ids.lobbyPhone },
    previous: { selected: 'NONE' },
    reason: 'zone HQ/B1/1',
    trackingIds: [],
    attempts: 3,
    receiveCount: 1,
    durationMs: 12,
    ...overrides,
  };
}

export function sampleEventFactory(overrides: Partial<SampleEvent> = {}): SampleEvent {
  return {
    ...describeEvent('bob-created.bare', JSON.stringify({ eventId: 'hr-1', person: { email: 'bob@example.com' } })),
    ...overrides,
  };
}

/** A directory that knows Bob, HQ (main number +15550100), the lobby phone and the front-desk hunt group. */
export function directoryFactory(
  people: Record<string, PersonName> = { [ids.bob]: { name: 'Bob Martinez', email: 'bob@example.com' } },
): Directory {
  const members: Record<string, MemberName> = {
    [ids.lobbyPhone]: { name: 'Lobby Phone', phoneNumber: '+15550111' },
    [ids.frontDesk]: { name: 'Front Desk' },
  };
  return {
    person: (id) => people[id],
    personByEmail: (email) => Object.values(people).find((person) => person.email === email),
    location: (id) => (id === ids.hq ? 'HQ' : undefined),
    locationEcbnNumber: (id) => (id === ids.hq ? '+15550100' : undefined),
    member: (id) => members[id],
  };
}

export function rowFactory(report: RecordReport | undefined, event: SampleEvent = sampleEventFactory()): OutcomeRow {
  return buildOutcomeRow(event, report?.messageId ?? 'msg-1', report, directoryFactory());
}

export function deadLetterRowFactory(overrides: Partial<DeadLetterRow> = {}): DeadLetterRow {
  return {
    label: 'bad-event',
    sourceMessageId: 'msg-1',
    errorClass: 'permanent',
    error: 'InvalidEventError: person.email: invalid email',
    eventId: 'hr-1',
    receiveCount: '1',
    ...overrides,
  };
}
