/**
 * An org with one person per kind of drift the audit must find, its rules and its HR export, for the audit tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditRecordSchema, type AuditRecord } from '../../lambda/audit/report-record.js';
import type { OrgFixtureInput } from '../../local/webex-simulator/org-fixture.js';
import { OrgBuilder } from './simulator-org.js';

export interface DriftOrg {
  readonly fixture: OrgFixtureInput;
  /** Rules as a document (written to a file by {@link writeAuditInputs}). */
  readonly rules: unknown;
  /** The same rules with one zone moved to another member: a candidate rules file. */
  readonly candidateRules: unknown;
  /** HR export rows: email or personId, building, floor. */
  /** Zone member workspaces by floor. */
  readonly members: { readonly b1f1: string; readonly b1f2: string };
  readonly placements: readonly { key: 'email' | 'personId'; value: string; building: string; floor: string }[];
}

/**
 * People by the situation they are in (email local parts): `zone-ok`, `none`, `wrong-source`, `other-member`,
 * `invalid-choice`, `deactivated-member`, `default-ok`, `no-valid-option`, `not-calling`.
 */
export function driftOrg(): DriftOrg {
  const b = new OrgBuilder();
  const hq = b.location({ name: 'HQ' });
  const branch = b.location({ name: 'Branch' });
  const b1f1 = b.workspace({ locationId: hq, displayName: 'B1-F1 phone' });
  const b1f2 = b.workspace({ locationId: hq, displayName: 'B1-F2 phone' });
  const deadPhone = b.number();
  const b2f1 = b.workspace({ locationId: hq, displayName: 'B2-F1 phone', phoneNumber: deadPhone });
  b.numberState(deadPhone, 'INACTIVE');
  const deadDid = b.number();
  b.numberState(deadDid, 'INACTIVE');
  const input0 = b.input();
  const branchMain = input0.locations.find((l) => l.id === branch)?.mainNumber ?? '';
  b.numberState(branchMain, 'INACTIVE');

  const person = (local: string, overrides: Parameters<OrgBuilder['person']>[0]) =>
    b.person({ emails: [`${local}@example.com`], ...overrides });
  person('zone-ok', { locationId: hq, ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: b1f1 } });
  person('none', { locationId: hq, ecbn: { selected: 'NONE' } });
  person('wrong-source', { locationId: hq, directNumber: b.number(), ecbn: { selected: 'LOCATION_ECBN' } });
  person('other-member', { locationId: hq, ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: b1f1 } });
  person('invalid-choice', { locationId: hq, directNumber: deadDid, ecbn: { selected: 'DIRECT_LINE' } });
  person('deactivated-member', {
    locationId: hq,
    ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: b2f1 },
  });
  person('default-ok', { locationId: hq, ecbn: { selected: 'LOCATION_ECBN' } });
  person('no-valid-option', { locationId: branch, ecbn: { selected: 'LOCATION_ECBN' } });
  const notCalling = person('not-calling', {});

  const zone = (building: string, floor: string, id: string) => ({
    match: { building, floor },
    callbackMember: { id },
    appliesTo: 'withoutDirectLine',
  });
  const rules = (firstFloorMember: string) => ({
    version: 1,
    defaults: { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' },
    locations: [
      {
        locationId: hq,
        name: 'HQ',
        zones: [zone('B1', '1', firstFloorMember), zone('B1', '2', b1f2), zone('B2', '1', b2f1)],
      },
      { locationId: branch, name: 'Branch', zones: [] },
    ],
  });
  const fixture = b.input();
  const idOf = (local: string) => fixture.people?.find((p) => p.emails[0] === `${local}@example.com`)?.id ?? '';
  return {
    fixture,
    rules: rules(b1f1),
    candidateRules: rules(b1f2),
    members: { b1f1, b1f2 },
    placements: [
      { key: 'email', value: 'zone-ok@example.com', building: 'B1', floor: '1' },
      { key: 'personId', value: idOf('none'), building: 'b1', floor: '1' },
      { key: 'email', value: 'other-member@example.com', building: 'B1', floor: '2' },
      { key: 'email', value: 'deactivated-member@example.com', building: 'B2', floor: '1' },
      { key: 'personId', value: notCalling, building: 'B1', floor: '1' },
    ],
  };
}

/** Writes rules, candidate rules and the HR export (CSV) into `dir`; returns their paths. */
export async function writeAuditInputs(
  org: DriftOrg,
  dir: string,
): Promise<{
  dir: string;
  rulesFile: string;
  candidateRulesFile: string;
  placementsFile: string;
}> {
  const rulesFile = path.join(dir, 'rules.yaml');
  const candidateRulesFile = path.join(dir, 'candidate-rules.yaml');
  const placementsFile = path.join(dir, 'placements.csv');
  await writeFile(rulesFile, JSON.stringify(org.rules));
  await writeFile(candidateRulesFile, JSON.stringify(org.candidateRules));
  const lines = org.placements.map((row) =>
    row.key === 'email' ? `${row.value},,${row.building},${row.floor}` : `,${row.value},${row.building},${row.floor}`,
  );
  await writeFile(placementsFile, ['email,personId,building,floor', ...lines].join('\n'));
  return { dir, rulesFile, candidateRulesFile, placementsFile };
}

/** The records of a report's `audit.jsonl`, each checked against the record schema, by email local part. */
export async function readAuditRecords(outDir: string): Promise<Map<string, AuditRecord>> {
  const text = await readFile(path.join(outDir, 'audit.jsonl'), 'utf8');
  const records = new Map<string, AuditRecord>();
  for (const line of text.split('\n').filter(Boolean)) {
    const record = auditRecordSchema.parse(JSON.parse(line));
    records.set(record.email.split('@')[0] ?? record.personId, record);
  }
  return records;
}
