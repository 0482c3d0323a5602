/**
 * Scenarios of the whole product on 127.0.0.1 about the DLQ: which records land there, with which reason attributes,
 * and that the function, not SQS's own redrive, puts them there (SQS's redrive would drop the reason).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BODY_BYTES } from '../../lambda/events/onboarding-event.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { queueDepths } from '../../local/pipeline.js';
import { snsNotificationFactory, toBody } from '../helpers/event-factories.js';
import { DEMO, demoEmail, demoEvent, minutesAgo } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, attributesOf, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

/** The attributes every dead-lettered message carries (docs/dead-letters.md, "Dead-letter attributes"). */
const REASON_ATTRIBUTES = [
  'ecbn-error-class',
  'ecbn-error',
  'ecbn-tracking-id',
  'ecbn-source-message-id',
  'ecbn-failed-at',
] as const;

describe('Scenario: bad events', () => {
  const oversized = toBody({
    ...demoEvent({ person: { email: demoEmail('bob.martinez') } }),
    // An extra field HR systems might add: tolerated by the schema, but not at this size.
    notes: 'x'.repeat(MAX_EVENT_BODY_BYTES),
  });

  it.each([
    ['a body that is not JSON', '{"eventType": "user.created", "person": ', /^InvalidEventError: body: not valid JSON/],
    [
      'an SNS envelope whose Message is not a string',
      toBody(snsNotificationFactory('{}', { Message: 42 })),
      /^InvalidEventError: Message: expected string/,
    ],
    [
      'an event with a malformed email',
      toBody(demoEvent({ person: { email: 'bob.martinez(at)acme-robotics.example' } })),
      /^InvalidEventError: person\.email: invalid email/,
    ],
    [
      `a body larger than ${MAX_EVENT_BODY_BYTES} bytes`,
      oversized,
      /^InvalidEventError: body: \d+ bytes is larger than the 262144 bytes allowed/,
    ],
  ])('dead-letters %s at once as permanent, naming where it is wrong', async (_, body, reason) => {
    // Prepare
    const run = await startPipelineUnderTest();

    // Act
    const [messageId = ''] = await run.pipeline.publish([body]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess: one receive, no Webex call, the original body in the DLQ with the reason.
    expect(run.reportsFor(messageId)).toEqual([
      expect.objectContaining({ outcome: 'dead-lettered', errorClass: 'permanent', receiveCount: 1, attempts: 0 }),
    ]);
    const deadLetters = await run.pipeline.readDeadLetters();
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.Body === body).toBe(true);
    const attributes = attributesOf(deadLetters[0] ?? {});
    expect(attributes['ecbn-error-class']).toBe('permanent');
    expect(attributes['ecbn-error']).toMatch(reason);
    expect(attributes['ecbn-source-message-id']).toBe(messageId);
    expect(run.pipeline.webex.requestLog).toEqual([]);
  });
});

describe('Scenario: DLQ messages carry their reason attributes', () => {
  it('keeps the original body byte for byte and sets all five ecbn-* attributes', async () => {
    // Prepare: a body as an HR system might format it (indentation, non-ASCII, CRLF, trailing newline), about a
    // person Webex never calling-enabled, from an event too old to wait for.
    const run = await startPipelineUnderTest();
    const event = demoEvent({
      eventId: 'hr-zoë-0042',
      person: { id: DEMO.people.frank, email: demoEmail('frank.lee') },
      occurredAt: minutesAgo(90),
      workplace: { building: 'Bâtiment B1', floor: '2' },
    });
    const body = `${JSON.stringify(event, null, 2).replaceAll('\n', '\r\n')}\n`;
    const startedAt = Date.now();

    // Act
    const [messageId = ''] = await run.pipeline.publish([body]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess
    const [deadLetter, ...others] = await run.pipeline.readDeadLetters();
    expect(others).toEqual([]);
    expect(Buffer.from(deadLetter?.Body ?? '', 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(deadLetter?.MD5OfBody).toBe(createHash('md5').update(body, 'utf8').digest('hex'));
    const attributes = attributesOf(deadLetter ?? {});
    expect(Object.keys(attributes)).toEqual(expect.arrayContaining([...REASON_ATTRIBUTES]));
    expect(attributes['ecbn-error-class']).toBe('permanent');
    expect(attributes['ecbn-error']).toMatch(/^person not ready after 60 minutes: PersonNotReadyError: /);
    expect(attributes['ecbn-source-message-id']).toBe(messageId);
    expect(attributes['ecbn-event-id']).toBe('hr-zoë-0042');
    const failedAt = Date.parse(attributes['ecbn-failed-at'] ?? '');
    expect(failedAt).toBeGreaterThanOrEqual(startedAt);
    expect(failedAt).toBeLessThanOrEqual(Date.now());
    // The tracking id is the one Webex answered for the look-up that found Frank without a location.
    const lookUp = run.pipeline.webex.requestLog.find(
      (entry) =>
        entry.route === 'GET /people/{personId}' && sameWebexId(entry.path.split('/').at(-1), DEMO.people.frank),
    );
    expect(lookUp?.trackingId).toBeDefined();
    expect(attributes['ecbn-tracking-id']).toBe(lookUp?.trackingId);
  });
});

describe('Scenario: the last allowed receive', () => {
  it('dead-letters a record that still fails transiently on receive maxReceiveCount, before SQS redrives it bare', async () => {
    // Prepare: every Webex answer is a 503; the queue redrives after 2 receives.
    const run = await startPipelineUnderTest({
      maxReceiveCount: 2,
      simulator: { faults: { probabilities: { status503: 1 } } },
    });
    const body = toBody(demoEvent({ person: { id: DEMO.people.bob }, workplace: { building: 'B1', floor: '1' } }));

    // Act
    const [messageId = ''] = await run.pipeline.publish([body]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess: deferred on receive 1 (backoff, no Retry-After on these 503s), dead-lettered by the function on receive 2.
    const reports = run.reportsFor(messageId);
    expect(reports.map((r) => [r.receiveCount, r.outcome, r.errorClass])).toEqual([
      [1, 'deferred', 'transient'],
      [2, 'dead-lettered', 'transient'],
    ]);
    expect(reports[0]?.deferSeconds).toBeGreaterThanOrEqual(1);
    const deadLetters = await run.pipeline.readDeadLetters();
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.Body).toBe(body);
    const attributes = attributesOf(deadLetters[0] ?? {});
    expect(Object.keys(attributes)).toEqual(expect.arrayContaining([...REASON_ATTRIBUTES]));
    expect(attributes['ecbn-error-class']).toBe('transient');
    expect(attributes['ecbn-error']).toMatch(/^gave up on receive 2 of 2: WebexServerError: .*503/);
    expect(attributes['ecbn-receive-count']).toBe('2');
    expect(run.pipeline.webex.requestLog.some((entry) => entry.trackingId === attributes['ecbn-tracking-id'])).toBe(
      true,
    );
    // Nothing is left for SQS to redrive (which would have landed a second, attribute-less copy).
    expect(await queueDepths(run.pipeline)).toMatchObject({ source: { total: 0 }, dlq: { total: 0 } });
    expect(run.pipeline.webex.state.personEcbnSetting(DEMO.people.bob)).toEqual({ selected: 'NONE' });
  });
});
