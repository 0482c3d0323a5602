import { describe, expect, it } from 'vitest';
import { auditOrg } from '../../../lambda/audit/audit-engine.js';
import { NO_PLACEMENTS, placementsFromRows } from '../../../lambda/audit/placement-lookup.js';
import type { AuditRecord } from '../../../lambda/audit/report-record.js';
import { WebexAuthenticationError, WebexServerError } from '../../../lambda/errors.js';
import type { WebexPerson } from '../../../lambda/webex/models.js';
import { fakeWebexClient } from '../../helpers/fake-webex-client.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  personEcbnFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';

const request = { method: 'GET', path: '/x', trackingId: 'T' };
const rules = rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });

function person(n: number, overrides: Partial<WebexPerson> = {}): WebexPerson {
  return { id: testIds.person(n), emails: [`p${n}@example.com`], locationId: testIds.location(1), ...overrides };
}

/** An extension-only person's ECBN (no direct line). */
function ecbnOf(overrides: Parameters<typeof personEcbnFactory>[0] = {}) {
  return personEcbnFactory({ directLineInfo: {}, ...overrides });
}

async function collect(records: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const all: AuditRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

describe('auditOrg', () => {
  it('yields one record per listed person, in listing order, across pages', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1), person(2)], [person(3, { locationId: undefined })]],
      ecbn: ecbnOf({ selected: 'LOCATION_ECBN' }),
    });

    const records = await collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }, { concurrency: 2 }));

    expect(records.map((r) => [r.email, r.status])).toEqual([
      ['p1@example.com', 'compliant'],
      ['p2@example.com', 'compliant'],
      ['p3@example.com', 'not-calling'],
    ]);
  });

  it('reads the zone numbers once for everyone on the floor', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1), person(2), person(3)]],
      ecbn: ecbnOf({ selected: 'NONE' }),
      availableNumbers: [availableNumberFactory()],
    });
    const placements = placementsFromRows(
      [1, 2, 3].map((n) => ({ personId: testIds.person(n), building: 'B2', floor: '3' })),
    );

    const records = await collect(auditOrg({ webex, rules, placements }, { concurrency: 3 }));

    expect(records.every((r) => r.wanted?.selected === 'LOCATION_MEMBER_NUMBER')).toBe(true);
    expect(webex.calls.filter((c) => c.operation === 'listPersonEcbnAvailableNumbers')).toHaveLength(1);
  });

  it('matches HR placements by email when the export has no person id', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1)]],
      ecbn: ecbnOf({ selected: 'NONE' }),
      availableNumbers: [availableNumberFactory()],
    });
    const placements = placementsFromRows([{ email: 'P1@example.com', building: 'b2', floor: '3' }]);

    const [record] = await collect(auditOrg({ webex, rules, placements }));

    expect(record?.placement).toEqual({ building: 'b2', floor: '3' });
  });

  it('retries a person once after a transient failure', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1)]],
      ecbn: ecbnOf({ selected: 'LOCATION_ECBN' }),
      failOnce: { getPersonEcbn: [new WebexServerError(503, request)] },
    });

    const [record] = await collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }));

    expect(record?.status).toBe('compliant');
  });

  it('reports a person it could not read as attention, never as compliant', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1)]],
      failOnce: { getPersonEcbn: [new WebexServerError(503, request), new WebexServerError(503, request)] },
    });

    const [record] = await collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }));

    expect(record).toMatchObject({ status: 'attention', wanted: null });
    expect(record?.reason).toMatch(/^not audited: /);
  });

  it('stops the whole audit when the token is refused', async () => {
    const webex = fakeWebexClient({
      peoplePages: [[person(1)]],
      failOnce: { getPersonEcbn: [new WebexAuthenticationError(401, request)] },
    });

    await expect(collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }))).rejects.toBeInstanceOf(
      WebexAuthenticationError,
    );
  });

  it('never sends a PUT', async () => {
    const webex = fakeWebexClient({ peoplePages: [[person(1)]], ecbn: ecbnOf({ selected: 'NONE' }) });

    await collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }));

    expect(webex.calls.map((c) => c.operation)).not.toContain('updatePersonEcbn');
  });

  it('lists only the given locations when asked', async () => {
    const webex = fakeWebexClient({ peoplePages: [[person(1)]], ecbn: ecbnOf() });

    await collect(auditOrg({ webex, rules, placements: NO_PLACEMENTS }, { locationIds: [testIds.location(1)] }));

    expect(webex.calls[0]).toMatchObject({
      operation: 'listCallingPeople',
      args: [{ locationId: testIds.location(1) }],
    });
  });
});
