import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { main } from '../../tools/audit/audit.js';
import { driftOrg, readAuditRecords, writeAuditInputs } from '../helpers/audit-org.js';
import { startTestSimulator } from '../helpers/simulator.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('audit-drift-');

async function auditSimulator(extraArgs: string[] = []) {
  const org = driftOrg();
  const sim = await startTestSimulator({ org: org.fixture });
  const files = await writeAuditInputs(org, await tempDir());
  const outDir = path.join(files.dir, 'report');
  const lines: string[] = [];
  const run = (args: string[], out = outDir) =>
    main(
      [
        '--webex-url',
        sim.baseUrl,
        '--rules',
        files.rulesFile,
        '--placements',
        files.placementsFile,
        '--out',
        out,
        ...args,
      ],
      { WEBEX_TOKEN: sim.token },
      (line) => lines.push(line),
    );
  const exitCode = await run(extraArgs);
  return { sim, files, outDir, lines, exitCode, run, records: await readAuditRecords(outDir) };
}

describe('audit against the simulator', () => {
  it.each([
    ['none', 'a person whose ECBN was never set (NONE)', 'NONE', 'LOCATION_MEMBER_NUMBER'],
    ['wrong-source', 'a person with a direct line on the location ECBN', 'LOCATION_ECBN', 'DIRECT_LINE'],
    ['other-member', "a person on another member than the zone's", 'LOCATION_MEMBER_NUMBER', 'LOCATION_MEMBER_NUMBER'],
    [
      'invalid-choice',
      'a person on an INVALID direct line while the location ECBN is valid',
      'DIRECT_LINE',
      'LOCATION_ECBN',
    ],
    [
      'deactivated-member',
      'a person on a zone member whose number was deactivated',
      'LOCATION_MEMBER_NUMBER',
      'LOCATION_ECBN',
    ],
  ])('reports %s as drift: %s', async (person, _situation, current, wanted) => {
    const { records } = await auditSimulator();

    const record = records.get(person);

    expect(record).toMatchObject({ status: 'drift', current: { selected: current }, wanted: { selected: wanted } });
  });

  it('wants the zone member of the floor, not the member the person has', async () => {
    const { records } = await auditSimulator();
    const { members } = driftOrg();

    const record = records.get('other-member');

    expect(record?.reason).toBe('zone HQ/B1/2');
    expect(sameWebexId(record?.current.locationMemberId, members.b1f1)).toBe(true);
    expect(sameWebexId(record?.wanted?.locationMemberId, members.b1f2)).toBe(true);
  });

  it('keeps compliant people compliant and skips people without Webex Calling', async () => {
    const { records } = await auditSimulator();

    expect(records.get('zone-ok')?.status).toBe('compliant');
    expect(records.get('default-ok')?.status).toBe('compliant');
    expect(records.get('not-calling')).toMatchObject({ status: 'not-calling', wanted: null, locationId: null });
  });

  it('asks for attention when a person has no valid option at all', async () => {
    const { records } = await auditSimulator();

    expect(records.get('no-valid-option')).toMatchObject({
      status: 'attention',
      attention: 'no valid emergency callback number',
    });
  });

  it('finds who a candidate rules file would change', async () => {
    const { run, files, outDir } = await auditSimulator();

    const candidateOut = path.join(outDir, 'candidate');
    await run(['--rules', files.candidateRulesFile], candidateOut);
    const records = await readAuditRecords(candidateOut);

    expect(records.get('zone-ok')).toMatchObject({ status: 'drift', reason: 'zone HQ/B1/1' });
  });

  it('exits 1 with findings and summarises per status, per location and as a compliance percentage', async () => {
    const { exitCode, outDir } = await auditSimulator();

    const summary = JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8')) as Record<string, unknown>;

    expect(exitCode).toBe(1);
    expect(summary).toMatchObject({
      people: 9,
      callingPeople: 8,
      byStatus: { compliant: 2, drift: 5, attention: 1, 'not-calling': 1 },
      compliancePercent: 25,
    });
    expect(Object.keys(summary.byLocation as object)).toHaveLength(3);
  });

  it('never writes to Webex while auditing', async () => {
    const { sim } = await auditSimulator();

    expect(sim.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('fixes every drift with --fix: a second audit finds no drift', async () => {
    const { outDir, exitCode, lines } = await auditSimulator(['--fix']);

    const after = await readAuditRecords(path.join(outDir, 'after-fix'));
    const drift = [...after.values()].filter((record) => record.status === 'drift');

    expect(lines.some((line) => line.startsWith('fix: 5 ecbn.reconcile event(s) processed'))).toBe(true);
    expect(drift).toEqual([]);
    // The person with no valid option still needs an admin: attention remains, so the exit code stays 1.
    expect(after.get('no-valid-option')?.status).toBe('attention');
    expect(exitCode).toBe(1);
  });
});
