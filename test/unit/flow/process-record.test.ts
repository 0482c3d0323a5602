import { describe, expect, it } from 'vitest';
import {
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexNotFoundError,
  WebexRateLimitedError,
  WebexServerError,
} from '../../../lambda/errors.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { onboardingEventFactory, snsNotificationFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  personEcbnFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const request = { method: 'PUT', path: '/telephony/config/people/x/emergencyCallbackNumber', trackingId: 'T1' };
const deadline = FLOW_NOW + 50_000;
const zoneRules = () => rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
const eventRecord = (overrides: Parameters<typeof onboardingEventFactory>[0] = {}, receiveCount = 1) =>
  sqsRecord(toBody(onboardingEventFactory(overrides)), { receiveCount });

describe('processRecord', () => {
  describe('deciding and applying', () => {
    it('keeps the direct line when the person has one and Webex already has it', async () => {
      // Prepare
      const { deps, webex } = flowHarness({
        person: webexPersonFactory({ directNumber: '+14085550201' }),
        ecbn: personEcbnFactory({ selected: 'DIRECT_LINE' }),
      });
      // Act
      const report = await processRecord(eventRecord(), deps, { deadline });
      // Assess
      expect(report).toMatchObject({ outcome: 'unchanged', reportAsFailed: false, reason: 'direct-line' });
      expect(webex.updates).toEqual([]);
      expect(webex.calls.map((c) => c.operation)).toEqual(['getPerson', 'getPersonEcbn']);
    });

    it('puts the location ECBN for an extension-only person never configured', async () => {
      const { deps, webex } = flowHarness({
        person: webexPersonFactory(),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
      });
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      expect(report).toMatchObject({
        outcome: 'updated',
        wanted: { selected: 'LOCATION_ECBN' },
        previous: { selected: 'NONE' },
        reason: 'location-default',
        personId: testIds.person(1),
        locationId: testIds.location(1),
        eventId: 'hr-7f3c2a',
      });
      expect(webex.updates).toEqual([{ personId: testIds.person(1), setting: { selected: 'LOCATION_ECBN' } }]);
    });

    it("puts the zone member's number for an extension-only person on a zoned floor", async () => {
      const { deps, webex } = flowHarness(
        {
          person: webexPersonFactory(),
          ecbn: personEcbnFactory({ selected: 'LOCATION_ECBN', directLineInfo: {} }),
          availableNumbers: [
            availableNumberFactory(),
            availableNumberFactory({ phoneNumber: '+14085550999', owner: { id: testIds.place(9), type: 'PLACE' } }),
          ],
        },
        { rules: zoneRules() },
      );
      const report = await processRecord(eventRecord(), deps, { deadline });
      expect(report.outcome).toBe('updated');
      expect(report.reason).toMatch(/^zone /);
      expect(webex.updates[0]?.setting).toEqual({
        selected: 'LOCATION_MEMBER_NUMBER',
        locationMemberId: testIds.place(1),
      });
    });

    it('asks Webex for the zone candidates once per location and member, then serves the cache', async () => {
      const { deps, webex } = flowHarness(
        {
          person: webexPersonFactory(),
          ecbn: personEcbnFactory({ selected: 'LOCATION_ECBN', directLineInfo: {} }),
          availableNumbers: [availableNumberFactory()],
        },
        { rules: zoneRules() },
      );
      await processRecord(eventRecord(), deps, { deadline });
      await processRecord(eventRecord({ eventId: 'hr-2' }), deps, { deadline });
      expect(webex.calls.filter((c) => c.operation === 'listPersonEcbnAvailableNumbers')).toHaveLength(1);
    });

    it('falls back to the location ECBN when Webex refuses the zone member with 400', async () => {
      // Prepare
      const { deps, webex, logs } = flowHarness(
        {
          person: webexPersonFactory(),
          ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
          availableNumbers: [availableNumberFactory()],
          updateErrors: [
            new WebexBadRequestError(400, request, { errorCode: 25008, description: 'member not allowed' }),
          ],
        },
        { rules: zoneRules() },
      );
      // Act
      const report = await processRecord(eventRecord(), deps, { deadline });
      // Assess
      expect(report).toMatchObject({ outcome: 'fallback-updated', wanted: { selected: 'LOCATION_ECBN' } });
      expect(report.reason).toContain('zone member refused: 25008');
      expect(webex.updates).toEqual([{ personId: testIds.person(1), setting: { selected: 'LOCATION_ECBN' } }]);
      expect(logs.some((l) => l.level === 'warn' && l.message.includes('refused the zone member'))).toBe(true);
    });

    it('falls back to the location ECBN when Webex refuses the zone member with 404', async () => {
      const { deps, webex } = flowHarness(
        {
          person: webexPersonFactory(),
          ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
          availableNumbers: [availableNumberFactory()],
          updateErrors: [new WebexNotFoundError(404, request)],
        },
        { rules: zoneRules() },
      );
      const report = await processRecord(eventRecord(), deps, { deadline });
      expect(report.outcome).toBe('fallback-updated');
      expect(webex.updates).toEqual([{ personId: testIds.person(1), setting: { selected: 'LOCATION_ECBN' } }]);
    });

    it("treats a directory 'work' number as no direct line when the telephony view has none", async () => {
      // Prepare: People lists a work number (synced from HR/AD), the ECBN read shows no direct line number.
      const { deps, webex } = flowHarness({
        person: webexPersonFactory({ directNumber: '+1 408 555 0299' }),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: { effectiveLevel: 'LOCATION_ECBN' } }),
      });
      // Act
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      // Assess
      expect(report.wanted).toEqual({ selected: 'LOCATION_ECBN' });
      expect(webex.updates[0]?.setting).toEqual({ selected: 'LOCATION_ECBN' });
    });

    it('dead-letters a refused update that has no fallback', async () => {
      const { deps, queue } = flowHarness({
        person: webexPersonFactory(),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
        updateErrors: [new WebexBadRequestError(400, request, { errorCode: 4003 })],
      });
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent', reportAsFailed: false });
      expect(queue.deadLetter).toHaveBeenCalledOnce();
    });

    it('decides and logs but never puts in a dry run', async () => {
      const { deps, webex } = flowHarness(
        { person: webexPersonFactory(), ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }) },
        { settings: { dryRun: true } },
      );
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'would-update', wanted: { selected: 'LOCATION_ECBN' } });
      expect(webex.calls.some((c) => c.operation === 'updatePersonEcbn')).toBe(false);
    });

    it('flags a decision without any valid option for attention', async () => {
      const { deps } = flowHarness({
        person: webexPersonFactory(),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {}, locationEcbnQuality: 'INVALID' }),
      });
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      expect(report.attention).toBe('no valid emergency callback number');
      expect(report.outcome).toBe('updated');
    });
  });

  describe('finding the person', () => {
    it('looks the person up by email, in the event org, when the event has no id', async () => {
      const { deps, webex } = flowHarness({
        personByEmail: webexPersonFactory(),
        ecbn: personEcbnFactory({ selected: 'LOCATION_ECBN', directLineInfo: {} }),
      });
      await processRecord(
        eventRecord({ person: { email: 'ana.lima@example.com' }, orgId: testIds.org(1), workplace: undefined }),
        deps,
        { deadline },
      );
      expect(webex.calls[0]).toMatchObject({
        operation: 'findPersonByEmail',
        args: ['ana.lima@example.com'],
        orgId: testIds.org(1),
      });
      expect(webex.calls[1]).toMatchObject({ operation: 'getPersonEcbn', orgId: testIds.org(1) });
    });

    it('sends no orgId when getting a person by id (the API documents none)', async () => {
      const { deps, webex } = flowHarness({ person: webexPersonFactory(), ecbn: personEcbnFactory() });
      await processRecord(eventRecord({ orgId: testIds.org(1), workplace: undefined }), deps, { deadline });
      expect(webex.calls[0]).toMatchObject({ operation: 'getPerson', orgId: undefined });
    });

    it('defers a person who does not exist yet while the event is young', async () => {
      const { deps, queue } = flowHarness({ personByEmail: undefined });
      const record = eventRecord({ person: { email: 'new.hire@example.com' }, occurredAt: '2026-11-29T09:10:00Z' });
      const report = await processRecord(record, deps, { deadline });
      expect(report).toMatchObject({ outcome: 'deferred', reportAsFailed: true, errorClass: 'transient' });
      expect(queue.defer).toHaveBeenCalledOnce();
    });

    it('defers a person whose ECBN read answers 404 (Webex Calling still provisioning them)', async () => {
      const { deps } = flowHarness({
        person: webexPersonFactory(),
        failOnce: { getPersonEcbn: [new WebexNotFoundError(404, request)] },
      });
      const report = await processRecord(eventRecord({ occurredAt: '2026-11-29T09:14:00Z' }), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'deferred', errorClass: 'transient' });
      expect(report.error).toContain('ECBN read answered 404');
    });

    it('defers a person who has no Webex Calling location yet', async () => {
      const { deps } = flowHarness({ person: webexPersonFactory({ locationId: undefined }) });
      const report = await processRecord(eventRecord({ occurredAt: '2026-11-29T09:14:00Z' }), deps, { deadline });
      expect(report.outcome).toBe('deferred');
      expect(report.error).toContain('no Webex Calling location');
    });

    it('dead-letters a person still unknown when the not-ready window has passed', async () => {
      const { deps, queue } = flowHarness({ personByEmail: undefined });
      const record = eventRecord({ person: { email: 'ghost@example.com' }, occurredAt: '2026-11-29T08:00:00Z' });
      const report = await processRecord(record, deps, { deadline });
      expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
      expect(queue.deadLetter).toHaveBeenCalledWith(
        expect.objectContaining({ reason: expect.stringContaining('person not ready after 60 minutes') }),
      );
    });
  });

  describe('rejecting what cannot be done', () => {
    it('acknowledges an event type it does not act on without calling Webex', async () => {
      const { deps, webex } = flowHarness({});
      const report = await processRecord(eventRecord({ eventType: 'user.suspended' }), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'skipped', reportAsFailed: false, eventType: 'user.suspended' });
      expect(webex.calls).toEqual([]);
    });

    it('dead-letters an invalid event with the field path in the reason', async () => {
      const { deps, queue } = flowHarness({});
      const report = await processRecord(
        sqsRecord({ eventType: 'user.created', eventId: 'x', person: { email: 'not-an-email' } }),
        deps,
        { deadline },
      );
      expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
      expect(report.error).toContain('person.email');
      expect(queue.deadLetter).toHaveBeenCalledOnce();
    });

    it('dead-letters an event naming an organisation that is not allowed', async () => {
      const { deps, webex } = flowHarness({}, { settings: { allowedOrgIds: [testIds.org(1)] } });
      const report = await processRecord(eventRecord({ orgId: testIds.org(2) }), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
      expect(report.error).toContain('ALLOWED_ORG_IDS');
      expect(webex.calls).toEqual([]);
    });

    it('accepts an allowed organisation written in another id encoding', async () => {
      const { deps } = flowHarness(
        { person: webexPersonFactory(), ecbn: personEcbnFactory() },
        { settings: { allowedOrgIds: [testIds.org(1)] } },
      );
      const other = Buffer.from(
        Buffer.from(testIds.org(1), 'base64url').toString().replace('//us/', '//urn:TEAM:x/'),
      ).toString('base64url');
      const report = await processRecord(eventRecord({ orgId: other, workplace: undefined }), deps, { deadline });
      expect(report.outcome).not.toBe('dead-lettered');
    });

    it('unwraps an SNS notification before deciding', async () => {
      const { deps } = flowHarness({ person: webexPersonFactory(), ecbn: personEcbnFactory({ directLineInfo: {} }) });
      const report = await processRecord(
        sqsRecord(toBody(snsNotificationFactory(onboardingEventFactory({ workplace: undefined })))),
        deps,
        { deadline },
      );
      expect(report).toMatchObject({ envelope: 'sns', outcome: 'unchanged' });
    });
  });

  describe('transient and configuration failures', () => {
    it('defers a 429 for the server Retry-After and closes the rate gate', async () => {
      const { deps, queue } = flowHarness({
        person: webexPersonFactory(),
        failOnce: { getPersonEcbn: [new WebexRateLimitedError(request, 9)] },
      });
      const report = await processRecord(eventRecord(), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'deferred', deferSeconds: 9, errorClass: 'transient' });
      expect(queue.defer).toHaveBeenCalledWith(expect.anything(), 9);
      expect(deps.gate.openAt()).toBe(FLOW_NOW + 9_000);
    });

    it('closes the rate gate on a 429 the client retried by itself, so records not yet started wait', async () => {
      const { deps } = flowHarness({
        person: webexPersonFactory(),
        ecbn: personEcbnFactory({ directLineInfo: {} }),
        retriedAttempts: { getPersonEcbn: [{ status: 429, retryAfterSeconds: 2 }] },
      });
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      expect(report.outcome).toBe('unchanged');
      expect(deps.gate.openAt()).toBe(FLOW_NOW + 2_000);
    });

    it('dead-letters a 5xx on the last allowed receive with the last error as reason', async () => {
      const { deps, queue } = flowHarness({
        person: webexPersonFactory(),
        failOnce: { getPersonEcbn: [new WebexServerError(503, request)] },
      });
      const report = await processRecord(eventRecord({}, 10), deps, { deadline });
      expect(report.outcome).toBe('dead-lettered');
      expect(queue.deadLetter).toHaveBeenCalledWith(
        expect.objectContaining({ errorClass: 'transient', reason: expect.stringContaining('WebexServerError') }),
      );
    });

    it('re-reads the token once after a 401 and succeeds with the rotated token', async () => {
      // Prepare
      const { deps, tokenReads } = flowHarness({
        person: webexPersonFactory(),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
        failOnce: { getPerson: [new WebexAuthenticationError(401, request)] },
      });
      // Act
      const report = await processRecord(eventRecord({ workplace: undefined }), deps, { deadline });
      // Assess
      expect(report.outcome).toBe('updated');
      expect(tokenReads.count).toBe(1);
      expect(deps.tokens.current()).toBe('rotated-1');
    });

    it('defers, as a configuration failure, a 401 that survives the token re-read', async () => {
      const { deps, queue, tokenReads } = flowHarness({
        person: webexPersonFactory(),
        failOnce: {
          getPerson: [new WebexAuthenticationError(401, request), new WebexAuthenticationError(401, request)],
        },
      });
      const report = await processRecord(eventRecord(), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'deferred', errorClass: 'configuration', reportAsFailed: true });
      expect(tokenReads.count).toBe(1);
      expect(queue.deadLetter).not.toHaveBeenCalled();
    });
  });

  it('reports the Webex tracking ids, attempts and receive count for the log line', async () => {
    const { deps } = flowHarness({
      person: webexPersonFactory(),
      ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
    });
    const report = await processRecord(eventRecord({ workplace: undefined }, 3), deps, { deadline });
    expect(report.trackingIds).toHaveLength(3);
    expect(report).toMatchObject({ attempts: 3, receiveCount: 3, messageId: expect.any(String) });
  });
});
