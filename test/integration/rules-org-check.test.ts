/**
 * `rules:check --org` against the simulator: every error and warning of issue 13 §2, each planted in a rules file
 * written from factories, with its path, severity, line and exit code (0 clean, 1 errors, 3 warnings only).
 */
import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../lambda/webex/ids.js';
import { locationDocumentFactory, rulesDocumentFactory, zoneDocumentFactory } from '../helpers/rules-factories.js';
import { checkAgainstSimulator, writeRulesFile } from '../helpers/rules-tool-harness.js';
import { OrgBuilder, numberOf } from '../helpers/simulator-org.js';
import { startTestSimulator } from '../helpers/simulator.js';

/** One org with a member of every kind at HQ, a branch, and locations whose own ECBN is INVALID or NOT_RECOMMENDED. */
function plantedOrg() {
  const b = new OrgBuilder();
  const hq = b.location({ name: 'HQ' });
  const branch = b.location({ name: 'Branch' });
  const workspace = b.workspace({ locationId: hq, displayName: 'HQ Floor 1 Phone' });
  const inactiveWorkspace = b.workspace({ locationId: hq, displayName: 'HQ Floor 2 Phone' });
  const branchWorkspace = b.workspace({ locationId: branch, displayName: 'Branch Phone' });
  const huntGroup = b.huntGroup({ locationId: hq, name: 'HQ Front Desk' });
  const virtualLine = b.virtualLine({ locationId: hq });
  const autoAttendant = b.autoAttendant({ locationId: hq, name: 'HQ Main Menu' });
  const person = b.person({ locationId: hq, directNumber: b.number() });
  // A location whose ECBN is a workspace with an inactive number (INVALID), one on a hunt group (NOT_RECOMMENDED).
  const brokenId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-1000000000b1');
  const brokenPhone = b.workspace({ locationId: brokenId, displayName: 'Broken ECBN Phone' });
  b.location({
    id: brokenId,
    name: 'Broken',
    ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: brokenPhone },
  });
  const huntedId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-1000000000b2');
  const huntedGroup = b.huntGroup({ locationId: huntedId });
  b.location({
    id: huntedId,
    name: 'Hunted',
    ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: huntedGroup },
  });
  const org = b.build();
  for (const id of [inactiveWorkspace, brokenPhone]) {
    b.numberState(numberOf(org, id), 'INACTIVE');
  }
  return {
    org: b.build(),
    ids: { hq, branch, workspace, inactiveWorkspace, branchWorkspace, huntGroup, virtualLine, autoAttendant, person },
    broken: brokenId,
    hunted: huntedId,
  };
}

const planted = plantedOrg();
const { ids } = planted;
const number = (id: string) => numberOf(planted.org, id);
const zoneAt = (member: { id: string } | { phoneNumber: string }) =>
  rulesDocumentFactory({
    locations: [
      locationDocumentFactory({
        locationId: ids.hq,
        name: 'HQ',
        zones: [zoneDocumentFactory({ callbackMember: member })],
      }),
    ],
  });
const ZONE = 'locations[0].zones[0].callbackMember';
const LOCATION = 'locations[0].locationId';

describe('rules:check --org against the simulator', () => {
  it('passes rules whose members are a workspace (by id) and a person (by number), exit 0', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: planted.org });
    const file = writeRulesFile(
      rulesDocumentFactory({
        locations: [
          locationDocumentFactory({
            locationId: ids.hq,
            zones: [
              zoneDocumentFactory({ match: { building: 'B1', floor: '1' }, callbackMember: { id: ids.workspace } }),
              zoneDocumentFactory({
                match: { building: 'B1', floor: '2' },
                callbackMember: { phoneNumber: number(ids.person) },
              }),
            ],
          }),
        ],
      }),
    );

    // Act
    const result = await checkAgainstSimulator(sim, file);

    // Assess
    expect(result.err).toEqual([]);
    expect(result.out.at(-1)).toBe(`${file}: matches the org (1 location(s), 2 zone(s) checked)`);
    expect(result.code).toBe(0);
  });

  it.each([
    {
      planted: 'a location id that is not in the org',
      rules: () =>
        rulesDocumentFactory({
          locations: [
            locationDocumentFactory({ locationId: encodeWebexId('LOCATION', '00000000-0000-4000-8000-10000000dead') }),
          ],
        }),
      finding: `error: ${LOCATION}: not a Webex Calling location of this org`,
      code: 1,
    },
    {
      planted: 'a location whose own ECBN is INVALID',
      rules: () => rulesDocumentFactory({ locations: [locationDocumentFactory({ locationId: planted.broken })] }),
      finding: `error: ${LOCATION}: the location's ECBN (LOCATION_MEMBER_NUMBER`,
      code: 1,
    },
    {
      planted: 'a location whose own ECBN is NOT_RECOMMENDED',
      rules: () => rulesDocumentFactory({ locations: [locationDocumentFactory({ locationId: planted.hunted })] }),
      finding: `warning: ${LOCATION}: the location's ECBN (LOCATION_MEMBER_NUMBER`,
      code: 3,
    },
    {
      planted: 'a member id that does not exist',
      rules: () => zoneAt({ id: encodeWebexId('PLACE', '00000000-0000-4000-8000-30000000dead') }),
      finding: `error: ${ZONE}: no number in the org is owned by this id`,
      code: 1,
    },
    {
      planted: 'a member of another location',
      rules: () => zoneAt({ id: ids.branchWorkspace }),
      finding: `error: ${ZONE}: workspace "Branch Phone" has its numbers in Branch, not in this location`,
      code: 1,
    },
    {
      planted: 'a member whose number is INACTIVE',
      rules: () => zoneAt({ id: ids.inactiveWorkspace }),
      finding: `error: ${ZONE}: workspace "HQ Floor 2 Phone" owns no ACTIVE number in this location`,
      code: 1,
    },
    {
      planted: 'an auto attendant (by number): owns an ACTIVE number, but Webex does not accept it as a member',
      rules: () => zoneAt({ phoneNumber: number(ids.autoAttendant) }),
      finding: `error: ${ZONE}: Webex does not accept auto attendant "HQ Main Menu" as an ECBN member of this location`,
      code: 1,
    },
    {
      planted: 'a number that is not in the org',
      rules: () => zoneAt({ phoneNumber: '+19995550000' }),
      finding: `error: ${ZONE}: +19995550000 is not a number of the org`,
      code: 1,
    },
    {
      planted: 'a number without an owner (the location main number)',
      rules: () => zoneAt({ phoneNumber: planted.org.locations[0]?.mainNumber ?? '' }),
      finding: `error: ${ZONE}: ${planted.org.locations[0]?.mainNumber} has no owner`,
      code: 1,
    },
    {
      planted: 'a hunt group',
      rules: () => zoneAt({ id: ids.huntGroup }),
      finding: `warning: ${ZONE}: hunt group "HQ Front Desk": Control Hub advises a person's or workspace's number`,
      code: 3,
    },
    {
      planted: 'a virtual line',
      rules: () => zoneAt({ id: ids.virtualLine }),
      finding: `warning: ${ZONE}: virtual line`,
      code: 3,
    },
  ])('reports $planted', async ({ rules, finding, code }) => {
    // Prepare
    const sim = await startTestSimulator({ org: planted.org });
    const file = writeRulesFile(rules());

    // Act
    const result = await checkAgainstSimulator(sim, file);

    // Assess: one finding, marked, with the line of its key, and the exit code of its severity.
    expect(result.err[0]).toMatch(
      new RegExp(`^${file}: against the org: ${code === 1 ? 1 : 0} error\\(s\\), ${code === 3 ? 1 : 0} warning`),
    );
    expect(result.err).toHaveLength(2);
    expect(result.err[1]?.startsWith(`  ${finding}`)).toBe(true);
    expect(result.err[1]).toMatch(/ \(line \d+\)$/);
    expect(result.code).toBe(code);
  });

  it('points each finding at the line of its key in the file', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: planted.org });
    const text = [
      'version: 1',
      'locations:',
      `  - locationId: ${ids.hq}`,
      '    zones:',
      '      - match: { building: B1 }',
      `        callbackMember: { id: ${ids.huntGroup} }`,
      '      - match: { building: B2 }',
      `        callbackMember: { id: ${ids.inactiveWorkspace} }`,
      '',
    ].join('\n');

    // Act
    const result = await checkAgainstSimulator(sim, writeRulesFile(text));

    // Assess: errors win the exit code over warnings.
    expect(
      result.err.slice(1).map((line) => line.replace(/^ {2}(\w+): (\S+): .* \(line (\d+)\)$/, '$1 $2 $3')),
    ).toEqual(['warning locations[0].zones[0].callbackMember 6', 'error locations[0].zones[1].callbackMember 8']);
    expect(result.code).toBe(1);
  });

  it('does not check a file against the org when it is invalid offline', async () => {
    const sim = await startTestSimulator({ org: planted.org });

    const result = await checkAgainstSimulator(sim, writeRulesFile('version: 2\n'));

    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/invalid \(1 error\(s\)\)$/);
    expect(sim.requestLog).toEqual([]);
  });

  it('exits 2, naming the failure and never the token, when the org cannot be read', async () => {
    // Prepare: a token the simulator does not know.
    const sim = await startTestSimulator({ org: planted.org });
    const canary = 'CANARY-RULESCHECK-5c1f0e9a2b7d';
    const file = writeRulesFile(rulesDocumentFactory({ locations: [locationDocumentFactory({ locationId: ids.hq })] }));

    // Act
    const result = await checkAgainstSimulator(sim, file, canary);

    // Assess
    expect(result.code).toBe(2);
    expect(result.err.at(-1)).toMatch(/the org could not be read: WebexAuthenticationError/);
    expect([...result.out, ...result.err].join('\n')).not.toContain(canary);
  });

  it('exits 2 without WEBEX_TOKEN, naming the scopes it needs', async () => {
    const sim = await startTestSimulator({ org: planted.org });

    const result = await checkAgainstSimulator(sim, writeRulesFile(rulesDocumentFactory()), '');

    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toContain(
      'set WEBEX_TOKEN to an admin access token with the scopes spark-admin:telephony_config_read',
    );
    expect(sim.requestLog).toEqual([]);
  });
});
