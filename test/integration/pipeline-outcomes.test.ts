/**
 * Scenarios of the whole product on 127.0.0.1 (fauxqs SQS with a redrive DLQ, the Secrets Manager stand-in, the Webex
 * simulator with the demo org, the local poller invoking the real handler): what ends up in Webex for each person.
 */
import { describe, expect, it } from 'vitest';
import {
  cloudEventFactory,
  eventBridgeEventFactory,
  snsNotificationFactory,
  toBody,
} from '../helpers/event-factories.js';
import {
  DEMO,
  actualEcbnFor,
  demoEmail,
  demoEvent,
  memberSetting,
  minutesAgo,
  successfulPutsFor,
} from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, attributesOf, deadLetterOf, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

describe('Scenario: a mixed batch', () => {
  it('updates, keeps, skips and dead-letters the records of one batch, leaving every person with the right ECBN', async () => {
    // Prepare: ten records, published before the poller starts so that they arrive as one batch of ten.
    const run = await startPipelineUnderTest({ startPoller: false });
    const { webex } = run.pipeline;
    const records = {
      bob: toBody(demoEvent({ person: { id: DEMO.people.bob }, workplace: { building: 'B1', floor: '1' } })),
      carol: toBody(
        eventBridgeEventFactory(
          { person: { id: DEMO.people.carol }, workplace: { building: 'b2 ', floor: 1 } },
          { 'detail-type': 'user.updated', time: new Date().toISOString() },
        ),
      ),
      ivan: toBody(
        snsNotificationFactory(
          demoEvent({
            eventType: 'user.updated',
            person: { id: DEMO.people.ivan },
            workplace: { building: 'B2', floor: '1' },
          }),
        ),
      ),
      grace: toBody(
        cloudEventFactory(
          { person: { email: demoEmail('grace.kim') }, locationId: DEMO.locations.austin },
          { time: new Date().toISOString() },
        ),
      ),
      jun: toBody(demoEvent({ person: { email: demoEmail('jun.tanaka') }, workplace: { building: 'B2', floor: '2' } })),
      alice: toBody(demoEvent({ person: { id: DEMO.people.alice }, workplace: { building: 'B1', floor: '2' } })),
      erin: toBody(demoEvent({ person: { id: DEMO.people.erin }, workplace: { building: 'B1', floor: '1' } })),
      henryDeleted: toBody(demoEvent({ eventType: 'user.deleted', person: { id: DEMO.people.henry } })),
      invalid: toBody({
        eventType: 'user.created',
        eventId: 'hr-bad-0001',
        person: { email: 'not-an-email' },
        workplce: { building: 'B1' },
      }),
      notJson: '{"eventType": "user.created", ',
    };
    const names = Object.keys(records) as (keyof typeof records)[];
    const ids = await run.pipeline.publish(Object.values(records));
    const idOf = (name: keyof typeof records) => ids[names.indexOf(name)] ?? '';

    // Act
    const poller = await run.pipeline.startPolling();
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess: one invocation, one report per record, on the first receive.
    expect(poller.stats.invocations).toBe(1);
    expect(run.reports).toHaveLength(names.length);
    const outcomes = Object.fromEntries(names.map((name) => [name, run.finalReport(idOf(name))?.outcome]));
    expect(outcomes).toEqual({
      bob: 'updated',
      carol: 'updated',
      ivan: 'updated',
      grace: 'updated',
      jun: 'updated',
      alice: 'unchanged',
      erin: 'unchanged',
      henryDeleted: 'skipped',
      invalid: 'dead-lettered',
      notJson: 'dead-lettered',
    });
    // Webex holds what the rules want, per person.
    const expected = [
      [DEMO.people.bob, memberSetting(DEMO.phones.b1f1)],
      [DEMO.people.carol, memberSetting(DEMO.phones.b2f1)],
      [DEMO.people.ivan, memberSetting(DEMO.phones.b2f1)],
      [DEMO.people.grace, { selected: 'DIRECT_LINE' }],
      [DEMO.people.jun, { selected: 'DIRECT_LINE' }],
      [DEMO.people.alice, { selected: 'DIRECT_LINE' }],
      [DEMO.people.erin, memberSetting(DEMO.phones.b1f1)],
      [DEMO.people.henry, { selected: 'LOCATION_ECBN' }],
    ] as const;
    for (const [personId, setting] of expected) {
      expect({ personId, ecbn: actualEcbnFor(webex, personId, setting) }).toEqual({ personId, ecbn: setting });
    }
    // Unchanged and skipped people got no PUT; updated ones exactly one.
    expect([DEMO.people.alice, DEMO.people.erin, DEMO.people.henry].map((id) => successfulPutsFor(webex, id))).toEqual([
      0, 0, 0,
    ]);
    expect([DEMO.people.bob, DEMO.people.carol, DEMO.people.ivan].map((id) => successfulPutsFor(webex, id))).toEqual([
      1, 1, 1,
    ]);
    // The two bad records are in the DLQ, nothing else is, and the source queue is empty.
    const deadLetters = await run.pipeline.readDeadLetters();
    expect(deadLetters.map((message) => message.Body).sort()).toEqual([records.invalid, records.notJson].sort());
    expect(attributesOf(deadLetterOf(deadLetters, idOf('invalid')) ?? {})['ecbn-error']).toContain(
      'person.email: invalid email',
    );
  });
});

describe('Scenario: an inactive zone member', () => {
  it('gives Dan on B2 floor 2, whose zone phone number is inactive, the location ECBN and says why', async () => {
    // Prepare
    const run = await startPipelineUnderTest();
    const [messageId = ''] = await run.pipeline.publish([
      toBody(
        snsNotificationFactory(
          demoEvent({ person: { email: demoEmail('dan.okafor') }, workplace: { building: 'B2', floor: '2' } }),
        ),
      ),
    ]);

    // Act
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess
    const report = run.finalReport(messageId);
    expect(report).toMatchObject({ outcome: 'updated', wanted: { selected: 'LOCATION_ECBN' } });
    expect(report?.reason).toMatch(/fallback.*B2\/2.*inactive/);
    expect(actualEcbnFor(run.pipeline.webex, DEMO.people.dan, { selected: 'LOCATION_ECBN' })).toEqual({
      selected: 'LOCATION_ECBN',
    });
  });

  it('puts the location ECBN instead when Webex reads back INVALID a zone member that went inactive after it was cached', async () => {
    // Prepare: the B2 floor 2 phone is active; a new hire there gets it (and fills the zone cache).
    const run = await startPipelineUnderTest();
    const { webex } = run.pipeline;
    webex.state.setNumberState(DEMO.b2f2Number, 'ACTIVE');
    const [first = ''] = await run.pipeline.publish([
      toBody(demoEvent({ person: { id: DEMO.people.dan }, workplace: { building: 'B2', floor: '2' } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(first)).toMatchObject({ outcome: 'updated' });
    expect(actualEcbnFor(webex, DEMO.people.dan, memberSetting(DEMO.phones.b2f2))).toEqual(
      memberSetting(DEMO.phones.b2f2),
    );
    // The number is deactivated while the container still holds it as a candidate, and Dan's ECBN is cleared by hand.
    webex.state.setNumberState(DEMO.b2f2Number, 'INACTIVE');
    webex.state.setPersonEcbn(DEMO.people.dan, { selected: 'NONE' });
    const later = () =>
      toBody(
        demoEvent({
          eventType: 'user.updated',
          person: { id: DEMO.people.dan },
          workplace: { building: 'B2', floor: '2' },
        }),
      );

    // Act
    const [second = ''] = await run.pipeline.publish([later()]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    const [third = ''] = await run.pipeline.publish([later()]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess: Webex accepted the inactive member and read it back INVALID; the record fell back to the location ECBN
    // and dropped the cache, so the next record saw the truth.
    expect(run.finalReport(second)).toMatchObject({
      outcome: 'fallback-updated',
      wanted: { selected: 'LOCATION_ECBN' },
    });
    expect(run.finalReport(second)?.reason).toMatch(/zone member refused/);
    expect(run.finalReport(third)).toMatchObject({ outcome: 'unchanged', wanted: { selected: 'LOCATION_ECBN' } });
    expect(run.finalReport(third)?.reason).toMatch(/inactive/);
    expect(actualEcbnFor(webex, DEMO.people.dan, { selected: 'LOCATION_ECBN' })).toEqual({ selected: 'LOCATION_ECBN' });
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });
});

describe('Scenario: an unknown person who becomes ready later', () => {
  it('defers Frank while he has no calling location, then applies his floor phone once Webex knows where he is', async () => {
    // Prepare
    const run = await startPipelineUnderTest();
    const { webex } = run.pipeline;
    const [messageId = ''] = await run.pipeline.publish([
      toBody(demoEvent({ person: { email: demoEmail('frank.lee') }, workplace: { building: 'B1', floor: '2' } })),
    ]);
    const deferred = await run.waitForReport((r) => r.messageId === messageId && r.outcome === 'deferred', {
      what: "Frank's first (deferred) report",
    });

    // Act: the calling licence arrives.
    webex.state.updatePerson(DEMO.people.frank, { locationId: DEMO.locations.hq, extension: '2206' });
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess
    expect(deferred).toMatchObject({ errorClass: 'transient', receiveCount: 1 });
    expect(deferred.error).toMatch(/PersonNotReadyError: .*no Webex Calling location/);
    expect(deferred.deferSeconds).toBeGreaterThanOrEqual(1);
    const final = run.finalReport(messageId);
    expect(final).toMatchObject({ outcome: 'updated', personId: DEMO.people.frank, locationId: DEMO.locations.hq });
    expect(final?.receiveCount).toBeGreaterThanOrEqual(2);
    expect(actualEcbnFor(webex, DEMO.people.frank, memberSetting(DEMO.phones.b1f2))).toEqual(
      memberSetting(DEMO.phones.b1f2),
    );
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });
});

describe('Scenario: a person who never becomes ready', () => {
  it.each([
    [
      'known to Webex but never calling-enabled (Frank)',
      { email: demoEmail('frank.lee') },
      /no Webex Calling location/,
    ],
    ['unknown to Webex', { email: demoEmail('nobody.here') }, /No Webex person matches the person email/],
  ])(
    'dead-letters the event of a person %s once the event is older than the not-ready window',
    async (_, person, why) => {
      // Prepare: the event happened two hours ago; the window is the default 60 minutes.
      const run = await startPipelineUnderTest();
      const body = toBody(demoEvent({ person, occurredAt: minutesAgo(120) }));

      // Act
      const [messageId = ''] = await run.pipeline.publish([body]);
      await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

      // Assess: dead-lettered on the first receive, with the reason, and nothing was put.
      expect(run.reportsFor(messageId)).toEqual([
        expect.objectContaining({ outcome: 'dead-lettered', errorClass: 'permanent', receiveCount: 1 }),
      ]);
      const [deadLetter, ...others] = await run.pipeline.readDeadLetters();
      expect(others).toEqual([]);
      expect(deadLetter?.Body).toBe(body);
      const attributes = attributesOf(deadLetter ?? {});
      expect(attributes['ecbn-error-class']).toBe('permanent');
      expect(attributes['ecbn-error']).toMatch(/^person not ready after 60 minutes: PersonNotReadyError: /);
      expect(attributes['ecbn-error']).toMatch(why);
      expect(run.pipeline.webex.counters()['PUT /telephony/config/people/{personId}/emergencyCallbackNumber']).toBe(
        undefined,
      );
    },
  );
});
