import { describe, expect, it } from 'vitest';
import { reconcileEvent } from '../../../lambda/audit/reconcile-event.js';
import { parseEventBody } from '../../../lambda/events/index.js';
import { auditRecordFactory } from '../../helpers/audit-factories.js';
import { testIds } from '../../helpers/rules-factories.js';

const drift = auditRecordFactory({
  status: 'drift',
  placement: { building: 'B2', floor: '3' },
  current: { selected: 'NONE' },
  wanted: { selected: 'LOCATION_ECBN' },
});

describe('reconcileEvent', () => {
  it('carries the person, the location, what was observed and wanted, and the read time', () => {
    const event = reconcileEvent(drift, {
      auditId: 'a1',
      readAt: '2026-12-06T02:00:00.000Z',
      orgId: testIds.org(1),
      placementFromExport: false,
    });

    expect(event).toEqual({
      eventType: 'ecbn.reconcile',
      eventId: expect.stringMatching(/^reconcile-a1-[0-9a-f]{16}$/),
      occurredAt: '2026-12-06T02:00:00.000Z',
      orgId: testIds.org(1),
      person: { id: drift.personId },
      locationId: drift.locationId,
      reconcile: { auditId: 'a1', observed: { selected: 'NONE' }, wanted: { selected: 'LOCATION_ECBN' } },
    });
  });

  it('sends the workplace only when the placement came from an HR export', () => {
    const event = reconcileEvent(drift, { auditId: 'a1', readAt: '2026-12-06T02:00:00Z', placementFromExport: true });

    expect(event.workplace).toEqual({ building: 'B2', floor: '3' });
  });

  it('gives the same person the same event id in one audit (a republished event is a duplicate)', () => {
    const context = { auditId: 'a1', readAt: '2026-12-06T02:00:00Z', placementFromExport: false };

    expect(reconcileEvent(drift, context).eventId).toBe(reconcileEvent({ ...drift }, context).eventId);
  });

  it('is a body the event parser reads', () => {
    const event = reconcileEvent(drift, { auditId: 'a1', readAt: '2026-12-06T02:00:00Z', placementFromExport: true });

    const parsed = parseEventBody(JSON.stringify(event), {
      messageId: 'm1',
      acceptedEventTypes: ['ecbn.reconcile'],
    });

    expect(parsed).toMatchObject({
      kind: 'accepted',
      event: { eventType: 'ecbn.reconcile', workplace: { floor: '3' } },
    });
  });

  it('refuses a person without a decision', () => {
    expect(() =>
      reconcileEvent(auditRecordFactory({ status: 'not-calling', wanted: null, locationId: null }), {
        auditId: 'a1',
        readAt: '2026-12-06T02:00:00Z',
        placementFromExport: false,
      }),
    ).toThrow(TypeError);
  });
});
