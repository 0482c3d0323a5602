/** Factories of audit records and audited people for unit tests. */
import type { AuditedPerson } from '../../lambda/audit/classify-person.js';
import type { AuditRecord } from '../../lambda/audit/report-record.js';
import { testIds } from './rules-factories.js';

/** A calling, extension-only person at `testIds.location(1)`. */
export function auditedPersonFactory(overrides: Partial<AuditedPerson> = {}): AuditedPerson {
  return { personId: testIds.person(1), email: 'ana@example.com', locationId: testIds.location(1), ...overrides };
}

/** A compliant person on the location ECBN. */
export function auditRecordFactory(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    personId: testIds.person(1),
    email: 'ana@example.com',
    locationId: testIds.location(1),
    placement: null,
    status: 'compliant',
    current: { selected: 'LOCATION_ECBN' },
    wanted: { selected: 'LOCATION_ECBN' },
    reason: 'location-default',
    ...overrides,
  };
}
