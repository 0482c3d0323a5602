import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCEPTED_EVENT_TYPES,
  MAX_EVENT_BODY_BYTES,
  RECONCILE_EVENT_TYPE,
  isAcceptedEventType,
  parseEventBody,
} from '../../lambda/events/index.js';
import {
  MAX_FILTER_PATTERN_LENGTH,
  MAX_FILTERS_PER_EVENT_SOURCE,
  TRIMMED_CHARACTERS,
  caseVariants,
  sourceQueueFilters,
} from '../../infra/event-filter.js';
import { lambdaWouldInvoke } from './helpers/lambda-filter-model.js';

// ---------------------------------------------------------------------------------------------------------------
// Factories: SQS bodies as producers send them.
// ---------------------------------------------------------------------------------------------------------------

const person = { email: 'ana.lima@example.com' };

/** A bare v1 event; `eventType` may be any JSON value (or absent, with `undefined`). */
function bareEvent(eventType: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ eventType, eventId: 'hr-7f3c2a', occurredAt: '2026-11-29T09:12:00Z', person, ...extra });
}

function snsNotification(innerBody: string): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: '0b5a1f7e-sns',
    TopicArn: 'arn:aws:sns:eu-west-1:111122223333:hr-events',
    Message: innerBody,
    Timestamp: '2026-11-29T09:12:01.000Z',
  });
}

function eventBridgeEvent(detailType: string, detail: Record<string, unknown>): string {
  return JSON.stringify({
    version: '0',
    id: 'eb-1',
    'detail-type': detailType,
    source: 'hr.system',
    account: '111122223333',
    time: '2026-11-29T09:12:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  });
}

function cloudEvent(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ specversion: '1.0', id: 'ce-1', source: 'hr.system', type, data });
}

const filters = sourceQueueFilters(DEFAULT_ACCEPTED_EVENT_TYPES);

/** What the handler does with a body: act on it, skip it (acknowledged), or dead-letter it as invalid. */
function handlerOutcome(body: string): 'accepted' | 'skipped' | 'dead-lettered' {
  try {
    return parseEventBody(body, { messageId: 'sqs-1', acceptedEventTypes: DEFAULT_ACCEPTED_EVENT_TYPES }).kind;
  } catch {
    return 'dead-lettered';
  }
}

// Every body shape the filters must get right; each row: name, body, whether Lambda invokes the function with it.
const bodies: [string, string, boolean][] = [
  ['a bare event of an accepted type', bareEvent('user.created'), true],
  ['a bare event of another accepted type', bareEvent('user.moved'), true],
  ['a bare event of a type that is not accepted', bareEvent('user.deleted'), false],
  ['a bare event whose type differs only in case', bareEvent('User.Created'), true],
  ['a bare event whose type is upper case', bareEvent('USER.CREATED'), true],
  ['a bare event whose type differs in case and has whitespace around it', bareEvent(' User.Updated '), true],
  ['a reconcile event from the audit', bareEvent('ecbn.reconcile'), true],
  ['a reconcile event in another case', bareEvent('ECBN.Reconcile'), true],
  ['a bare event of a type not accepted, in upper case', bareEvent('USER.DELETED'), false],
  ['a bare event whose type has trailing whitespace', bareEvent('user.created  '), true],
  ['a bare event whose type has a trailing tab', bareEvent('user.updated\t'), true],
  ['a bare event whose type has leading whitespace', bareEvent(' user.created'), true],
  ['a bare event whose type has a leading no-break space', bareEvent('\u00a0user.created'), true],
  ['a bare event whose type has a leading byte-order mark', bareEvent('\ufeffuser.created'), true],
  ['a bare event whose type only starts like an accepted one', bareEvent('user.created.v2'), true],
  ['a bare event with an empty type', bareEvent(''), true],
  ['a bare event with a blank type', bareEvent('   '), true],
  ['a bare event with a null type', bareEvent(null), true],
  ['a bare event with a boolean type', bareEvent(true), true],
  ['a bare event with a numeric type', bareEvent(42), true],
  ['a bare event with a negative fractional type', bareEvent(-1.5), true],
  ['a bare event with an object type', bareEvent({ name: 'user.deleted' }), true],
  ['a bare event with no type', bareEvent(undefined), true],
  ['a bare event with an array type holding an accepted type', bareEvent(['user.created']), true],
  ['an SNS notification of an accepted event', snsNotification(bareEvent('user.created')), true],
  ['an SNS notification of an event that is not accepted', snsNotification(bareEvent('user.deleted')), true],
  ['an SNS notification whose Message is not JSON', snsNotification('not json'), true],
  ['an EventBridge event', eventBridgeEvent('user.created', { eventId: 'hr-1', person }), true],
  ['an EventBridge event of a type that is not accepted', eventBridgeEvent('user.deleted', { person }), true],
  ['a CloudEvents event', cloudEvent('user.created', { eventId: 'hr-1', person }), true],
  ['a body that is not JSON', 'user.created for ana.lima@example.com', true],
  ['a truncated JSON body', '{"eventType":"user.deleted","person":{', true],
  ['an XML body', '<event type="user.deleted"/>', true],
  ['a JSON string body', '"user.deleted"', true],
  ['a JSON number body', '42', true],
  ['a JSON array body', '[{"eventType":"user.deleted"}]', true],
  ['a JSON null body', 'null', true],
  ['an empty JSON object', '{}', true],
];

describe('sourceQueueFilters', () => {
  it.each(bodies)('lets Lambda decide correctly for %s', (_name, body, invoked) => {
    // Act
    const wouldInvoke = lambdaWouldInvoke(filters, body);

    // Assess
    expect(wouldInvoke).toBe(invoked);
  });

  it.each(bodies.filter(([, , invoked]) => !invoked))(
    'only drops what the handler would skip anyway: %s',
    (_name, body) => {
      // Act
      const outcome = handlerOutcome(body);

      // Assess
      expect(outcome).toBe('skipped');
    },
  );

  it.each(bodies.filter(([, body]) => handlerOutcome(body) !== 'skipped'))(
    'never drops what the handler would act on or dead-letter: %s',
    (_name, body) => {
      // Act
      const wouldInvoke = lambdaWouldInvoke(filters, body);

      // Assess
      expect(wouldInvoke).toBe(true);
    },
  );

  // Known gaps, documented in the README ("Filtering at the event source"): Lambda drops these unseen, while the
  // handler would dead-letter them as invalid. Set filterAtSource=false if a producer can send them.
  it.each([
    ['an array type holding only types that are not accepted', bareEvent(['user.deleted'])],
    [
      'a body over the size limit with a type that is not accepted',
      bareEvent('user.deleted', { pad: 'x'.repeat(MAX_EVENT_BODY_BYTES) }),
    ],
  ])('drops, as documented, %s', (_name, body) => {
    // Act
    const wouldInvoke = lambdaWouldInvoke(filters, body);
    const outcome = handlerOutcome(body);

    // Assess
    expect(wouldInvoke).toBe(false);
    expect(outcome).toBe('dead-lettered');
  });

  it('passes every character the handler trims as a leading-whitespace prefix', () => {
    // Act
    const firstFilter = JSON.stringify(filters[0]);

    // Assess: ECMAScript trims exactly 25 characters; each must open an accepted prefix.
    expect(TRIMMED_CHARACTERS).toHaveLength(25);
    expect(TRIMMED_CHARACTERS).toEqual(expect.arrayContaining([' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\ufeff']));
    for (const char of TRIMMED_CHARACTERS) {
      expect(firstFilter).toContain(JSON.stringify({ prefix: char }));
    }
  });

  it('uses only operators that Lambda supports for SQS (no suffix, wildcard, equals-ignore-case or $or)', () => {
    // Act
    const text = JSON.stringify(filters);

    // Assess
    expect(text).not.toMatch(/"suffix"|"wildcard"|"equals-ignore-case"|"\$or"/);
  });

  it('stays within the default quota of filters and the pattern length limit', () => {
    // Assess
    expect(filters.length).toBeLessThanOrEqual(MAX_FILTERS_PER_EVENT_SOURCE);
    for (const filter of filters) {
      expect(JSON.stringify(filter).length).toBeLessThanOrEqual(MAX_FILTER_PATTERN_LENGTH);
    }
  });

  it('trims, folds and de-duplicates the accepted types', () => {
    // Act
    const [first] = sourceQueueFilters([' user.created', 'USER.created']);

    // Assess
    expect(JSON.stringify(first)).toContain('{"prefix":"user.c');
    expect(JSON.stringify(first).match(/"prefix":"user\.c[a-z.]*"/g)).toHaveLength(1);
  });

  it('spells out every case variant of an accepted prefix (Lambda has no equals-ignore-case)', () => {
    expect(caseVariants('u.b')).toEqual(['u.b', 'u.B', 'U.b', 'U.B']);
  });

  it.each(['user.created', 'user.updated', 'user.moved', 'ecbn.reconcile'])(
    'lets every spelling of %s through that the function would act on (case, surrounding whitespace)',
    (type) => {
      // Prepare: each letter upper- or lower-cased by a bit pattern, with whitespace around some of them.
      const spellings = Array.from({ length: 64 }, (_, bits) => {
        const cased = [...type].map((char, index) => ((bits >> (index % 6)) & 1 ? char.toUpperCase() : char)).join('');
        return bits % 3 === 0 ? ` ${cased}\t` : cased;
      });
      for (const spelling of spellings) {
        // Act
        const wouldInvoke = lambdaWouldInvoke(filters, bareEvent(spelling));
        // Assess
        expect(isAcceptedEventType(spelling, [...DEFAULT_ACCEPTED_EVENT_TYPES, RECONCILE_EVENT_TYPE])).toBe(true);
        expect(wouldInvoke).toBe(true);
      }
    },
  );

  it.each([
    ['no accepted type', []],
    ['a blank accepted type', ['user.created', '  ']],
  ])('refuses %s', (_name, types) => {
    expect(() => sourceQueueFilters(types)).toThrow(/non-empty strings/);
  });

  it('fails synth rather than deployment when the accepted types make a pattern too long', () => {
    // Prepare
    const types = Array.from({ length: 400 }, (_, index) => `${String.fromCharCode(0x4e00 + index)}.joined`);

    // Act / Assess
    expect(() => sourceQueueFilters(types)).toThrow(/exceeds Lambda's limit of 4096; .*filterAtSource=false/);
  });

  it('narrows the prefixes to fit when many types are accepted', () => {
    // Prepare
    const types = Array.from({ length: 200 }, (_, index) => `vendor.hr.event-type-${index}`);

    // Act
    const [first] = sourceQueueFilters(types);

    // Assess
    expect(JSON.stringify(first).length).toBeLessThanOrEqual(MAX_FILTER_PATTERN_LENGTH);
    expect(lambdaWouldInvoke(sourceQueueFilters(types), bareEvent('VENDOR.HR.Event-Type-7'))).toBe(true);
  });
});
