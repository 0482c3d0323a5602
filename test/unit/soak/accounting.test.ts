import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { DLQ_ATTRIBUTE } from '../../../lambda/failures/queue-actions.js';
import type { Outcome, RecordReport } from '../../../lambda/flow/record-report.js';
import { decodeWebexId, encodeWebexId } from '../../../lambda/webex/ids.js';
import { account, sameSetting, type AccountingInput, type CheckedPerson } from '../../../local/soak/accounting.js';
import type { MessageExpectation, MessageKind, PlannedMessage } from '../../../local/soak/plan.js';
import type { PersonEcbnSetting } from '../../../local/webex-simulator/index.js';

// Factories -----------------------------------------------------------------------------------------------------------

const EXPECTATION: Record<MessageKind, MessageExpectation> = {
  valid: 'ecbn-settled',
  duplicate: 'ecbn-settled',
  invalid: 'dead-letter-invalid',
  'unknown-person': 'dead-letter-not-ready',
  'skipped-type': 'skipped',
  'out-of-order': 'settled-or-stale',
  'partial-update': 'ecbn-settled',
};

function planned(kind: MessageKind, eventId = `e-${kind}`): PlannedMessage {
  return { bodyAt: () => '{}', kind, expectation: EXPECTATION[kind], eventId, envelope: 'bare' };
}

function report(messageId: string, outcome: Outcome, extra: Partial<RecordReport> = {}): RecordReport {
  return {
    outcome,
    reportAsFailed: outcome === 'deferred',
    messageId,
    trackingIds: [],
    attempts: 1,
    receiveCount: 1,
    durationMs: 1,
    ...extra,
  };
}

function deadLetter(messageId: string | undefined, errorClass?: string, error?: string): Message {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    Body: '{}',
    MessageAttributes: {
      ...(messageId === undefined ? {} : { [DLQ_ATTRIBUTE.SOURCE_MESSAGE_ID]: text(messageId) }),
      ...(errorClass === undefined ? {} : { [DLQ_ATTRIBUTE.ERROR_CLASS]: text(errorClass) }),
      ...(error === undefined ? {} : { [DLQ_ATTRIBUTE.ERROR]: text(error) }),
    },
  };
}

const INVALID_REASON = ['permanent', 'InvalidEventError: person: required'] as const;
const NOT_READY_REASON = [
  'permanent',
  'person not ready after 1 minutes: PersonNotReadyError: No Webex person matches the person id yet',
] as const;

const MEMBER = encodeWebexId('PLACE', '5e0c2b7a-4d1f-4c8e-9a6b-0000000d0b11');
const MEMBER_OTHER_CLUSTER = encodeWebexId('PLACE', decodeWebexId(MEMBER)!.uuid, 'urn:TEAM:us-east-1_int13');
const LOCATION_ECBN: PersonEcbnSetting = { selected: 'LOCATION_ECBN' };
const NONE: PersonEcbnSetting = { selected: 'NONE' };

function books(overrides: Partial<AccountingInput> & { final?: Record<string, PersonEcbnSetting> } = {}) {
  const { final = {}, ...rest } = overrides;
  return account({
    messages: [],
    messageIds: [],
    reports: [],
    deadLetters: [],
    people: [],
    finalSetting: (id) => final[id] ?? NONE,
    ...rest,
  });
}

// Messages ------------------------------------------------------------------------------------------------------------

describe('account: messages', () => {
  it.each<[string, MessageKind, RecordReport[], Message[], { lost: number; misrouted: number }]>([
    ['a valid event updated', 'valid', [report('m1', 'updated')], [], { lost: 0, misrouted: 0 }],
    [
      'an older event after the newer one: stale',
      'out-of-order',
      [report('m1', 'stale')],
      [],
      { lost: 0, misrouted: 0 },
    ],
    ['an older event before the newer one', 'out-of-order', [report('m1', 'updated')], [], { lost: 0, misrouted: 0 }],
    ['a valid event that came out stale', 'valid', [report('m1', 'stale')], [], { lost: 0, misrouted: 1 }],
    [
      'a valid event deferred, then unchanged',
      'valid',
      [report('m1', 'deferred'), report('m1', 'unchanged')],
      [],
      { lost: 0, misrouted: 0 },
    ],
    ['a valid event only ever deferred', 'valid', [report('m1', 'deferred')], [], { lost: 1, misrouted: 0 }],
    ['a valid event with no report at all', 'valid', [], [], { lost: 1, misrouted: 0 }],
    [
      'a valid event whose DLQ send failed (reported failed)',
      'valid',
      [report('m1', 'dead-lettered', { reportAsFailed: true })],
      [],
      { lost: 1, misrouted: 0 },
    ],
    [
      'a valid event dead-lettered',
      'valid',
      [report('m1', 'dead-lettered')],
      [deadLetter('m1', 'transient', 'gave up on receive 10 of 10: WebexServerError')],
      { lost: 0, misrouted: 1 },
    ],
    [
      'an invalid event dead-lettered',
      'invalid',
      [report('m1', 'dead-lettered')],
      [deadLetter('m1', ...INVALID_REASON)],
      { lost: 0, misrouted: 0 },
    ],
    [
      'an invalid event found only in the DLQ',
      'invalid',
      [],
      [deadLetter('m1', ...INVALID_REASON)],
      { lost: 0, misrouted: 0 },
    ],
    ['a skipped type skipped', 'skipped-type', [report('m1', 'skipped')], [], { lost: 0, misrouted: 0 }],
    ['a skipped type updated', 'skipped-type', [report('m1', 'updated')], [], { lost: 0, misrouted: 1 }],
  ])('%s', (_name, kind, reports, deadLetters, expected) => {
    // Act
    const result = books({ messages: [planned(kind)], messageIds: ['m1'], reports, deadLetters });
    // Assess
    expect(result).toMatchObject(expected);
  });

  it('names lost messages by id, event id and kind', () => {
    const result = books({ messages: [planned('valid', 'hr-1')], messageIds: ['m1'] });
    expect(result.lostSamples).toEqual([{ messageId: 'm1', eventId: 'hr-1', kind: 'valid' }]);
    expect(result.finalOutcomes).toEqual({ valid: { none: 1 } });
  });

  it('counts every report by outcome and the highest receive count', () => {
    const result = books({
      messages: [planned('valid')],
      messageIds: ['m1'],
      reports: [report('m1', 'deferred'), report('m1', 'deferred', { receiveCount: 2 }), report('m1', 'updated')],
    });
    expect(result.reportsByOutcome).toEqual({ deferred: 2, updated: 1 });
    expect(result).toMatchObject({ deferrals: 2, highestReceiveCount: 2 });
  });
});

// Dead letters --------------------------------------------------------------------------------------------------------

describe('account: dead letters', () => {
  it('accepts expected dead letters with their reasons', () => {
    // Act
    const result = books({
      messages: [planned('invalid'), planned('unknown-person')],
      messageIds: ['m1', 'm2'],
      reports: [report('m1', 'dead-lettered'), report('m2', 'deferred'), report('m2', 'dead-lettered')],
      deadLetters: [deadLetter('m1', ...INVALID_REASON), deadLetter('m2', ...NOT_READY_REASON)],
    });
    // Assess
    expect(result).toMatchObject({
      deadLettered: 2,
      deadLetteredWithReason: 2,
      expectedDeadLettered: 2,
      deadLetteredAsExpected: 2,
      unexpectedDeadLetters: 0,
      notReadyRetriedBeforeVerdict: 1,
    });
    expect(result.deadLetterReasonSamples['unknown-person']).toContain('person not ready after 1 minutes');
  });

  it.each<[string, Message, Partial<ReturnType<typeof books>>]>([
    [
      'one moved by the queue redrive (no attributes at all)',
      deadLetter(undefined),
      { deadLettered: 1, deadLetteredWithReason: 0, unexpectedDeadLetters: 1, lost: 1, deadLetteredAsExpected: 0 },
    ],
    [
      'one without its error text',
      deadLetter('m1', 'permanent'),
      { deadLettered: 1, deadLetteredWithReason: 0, lost: 0, deadLetteredAsExpected: 0 },
    ],
    [
      'an unknown person dead-lettered for another reason',
      deadLetter('m1', 'transient', 'gave up on receive 10 of 10: PersonNotReadyError: No Webex person matches'),
      { deadLetteredWithReason: 1, deadLetteredAsExpected: 0 },
    ],
    [
      'one from a message the soak never published',
      deadLetter('m9', ...NOT_READY_REASON),
      { unexpectedDeadLetters: 1, lost: 1 },
    ],
  ])('flags %s', (_name, letter, expected) => {
    const result = books({ messages: [planned('unknown-person')], messageIds: ['m1'], deadLetters: [letter] });
    expect(result).toMatchObject(expected);
  });

  it('counts a message dead-lettered twice once as a duplicate', () => {
    const result = books({
      messages: [planned('invalid')],
      messageIds: ['m1'],
      deadLetters: [deadLetter('m1', ...INVALID_REASON), deadLetter('m1', ...INVALID_REASON)],
    });
    expect(result).toMatchObject({ deadLettered: 2, duplicateDeadLetters: 1, deadLetteredAsExpected: 1 });
  });
});

// People --------------------------------------------------------------------------------------------------------------

describe('account: people', () => {
  const person = (id: string, initial: PersonEcbnSetting, expected: PersonEcbnSetting): CheckedPerson => ({
    id,
    initial,
    expected,
    role: 'target',
  });

  it('counts applied changes, already-right people and wrong states', () => {
    // Prepare
    const people = [
      person('p1', NONE, LOCATION_ECBN),
      person('p2', NONE, LOCATION_ECBN),
      person('p3', LOCATION_ECBN, LOCATION_ECBN),
      { id: 'p4', initial: NONE, expected: NONE, role: 'bystander' as const },
    ];
    // Act
    const result = books({ people, final: { p1: LOCATION_ECBN, p2: NONE, p3: LOCATION_ECBN, p4: NONE } });
    // Assess
    expect(result).toMatchObject({ applied: 1, expectedApplied: 2, alreadyRight: 1, peopleChecked: 4, wrongState: 1 });
    expect(result.wrongStateSamples).toEqual([{ personId: 'p2', expected: LOCATION_ECBN, actual: NONE }]);
  });

  it('finds a bystander that an invalid event changed', () => {
    const people: CheckedPerson[] = [{ id: 'p1', initial: NONE, expected: NONE, role: 'bystander' }];
    expect(books({ people, final: { p1: LOCATION_ECBN } }).wrongState).toBe(1);
  });

  it('compares member ids as Webex ids, whatever their cluster encoding', () => {
    const wanted: PersonEcbnSetting = { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: MEMBER };
    const stored: PersonEcbnSetting = { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: MEMBER_OTHER_CLUSTER };
    const result = books({ people: [person('p1', NONE, wanted)], final: { p1: stored } });
    expect(result).toMatchObject({ wrongState: 0, applied: 1 });
  });
});

describe('sameSetting', () => {
  it.each<[PersonEcbnSetting, PersonEcbnSetting, boolean]>([
    [LOCATION_ECBN, LOCATION_ECBN, true],
    [LOCATION_ECBN, NONE, false],
    [
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: MEMBER },
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: MEMBER_OTHER_CLUSTER },
      true,
    ],
    [
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: MEMBER },
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: encodeWebexId('PLACE', crypto.randomUUID()) },
      false,
    ],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameSetting(a, b)).toBe(same);
  });
});
