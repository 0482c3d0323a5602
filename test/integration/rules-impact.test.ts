/**
 * `rules:check --org --impact` against the simulator (issue 13 §3): the audit engine run read-only with candidate
 * rules says how many people would change, per location, and who; the exit code stays the check's own.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { locationDocumentFactory, rulesDocumentFactory, zoneDocumentFactory } from '../helpers/rules-factories.js';
import { impactAgainstSimulator, writeRulesFile } from '../helpers/rules-tool-harness.js';
import { OrgBuilder } from '../helpers/simulator-org.js';
import { startTestSimulator } from '../helpers/simulator.js';
import { runRulesCheck } from '../../tools/rules/check-rules-command.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('rules-impact-');

/** HQ with a phone per floor of B1; two people pointed at the floor 1 phone, one at floor 2's, one on the default. */
function compliantOrg() {
  const b = new OrgBuilder();
  const hq = b.location({ name: 'HQ' });
  const floor1 = b.workspace({ locationId: hq, displayName: 'B1-F1 phone' });
  const floor2 = b.workspace({ locationId: hq, displayName: 'B1-F2 phone' });
  const onMember = (local: string, member: string) =>
    b.person({
      emails: [`${local}@example.com`],
      locationId: hq,
      ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
    });
  onMember('ana', floor1);
  onMember('ben', floor1);
  onMember('cleo', floor2);
  b.person({ emails: ['dev@example.com'], locationId: hq, ecbn: { selected: 'LOCATION_ECBN' } });
  const rules = (floor1Member: string) =>
    rulesDocumentFactory({
      locations: [
        locationDocumentFactory({
          locationId: hq,
          name: 'HQ',
          zones: [
            zoneDocumentFactory({ match: { building: 'B1', floor: '1' }, callbackMember: { id: floor1Member } }),
            zoneDocumentFactory({ match: { building: 'B1', floor: '2' }, callbackMember: { id: floor2 } }),
          ],
        }),
      ],
    });
  return { org: b.build(), hq, floor2, current: rules(floor1), movedFloor1: rules(floor2) };
}

async function placementsFile(): Promise<string> {
  const file = path.join(await tempDir(), 'placements.csv');
  const rows = ['email,building,floor', 'ana@example.com,B1,1', 'ben@example.com,B1,1', 'cleo@example.com,B1,2'];
  await writeFile(file, rows.join('\n'));
  return file;
}

/** The impact's lines about one person (they name the person by email). */
function personLines(out: readonly string[]): string[] {
  return out.filter((line) => line.includes('@example.com'));
}

describe('rules:check --org --impact', () => {
  it('lists exactly the people a moved zone member changes, with current → wanted', async () => {
    // Prepare
    const world = compliantOrg();
    const sim = await startTestSimulator({ org: world.org });
    const file = writeRulesFile(world.movedFloor1);

    // Act
    const run = await impactAgainstSimulator(sim, file, await placementsFile());

    // Assert
    const out = run.out.join('\n');
    expect(out).toContain('impact: 2 person(s) would change, 0 would need attention');
    expect(out).toContain(`HQ (${world.hq}): 2 would change, 0 attention, of 4 calling people`);
    const changed = personLines(run.out);
    expect(changed).toHaveLength(2);
    expect(changed.map((line) => line.split(': ')[1]?.trim().split(' ')[0])).toEqual([
      'ana@example.com',
      'ben@example.com',
    ]);
    for (const line of changed) {
      const wanted = /→ LOCATION_MEMBER_NUMBER (\S+)/.exec(line)?.[1];
      expect(sameWebexId(wanted, world.floor2)).toBe(true);
    }
    expect(run.code).toBe(0);
  });

  it('shows 0 changes for the rules the org already follows', async () => {
    const world = compliantOrg();
    const sim = await startTestSimulator({ org: world.org });
    const file = writeRulesFile(world.current);

    const run = await impactAgainstSimulator(sim, file, await placementsFile());

    expect(run.out.join('\n')).toContain('impact: 0 person(s) would change, 0 would need attention');
    expect(personLines(run.out)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('only reads: the simulator sees no PUT (nor any other write)', async () => {
    const world = compliantOrg();
    const sim = await startTestSimulator({ org: world.org });
    const file = writeRulesFile(world.movedFloor1);

    await impactAgainstSimulator(sim, file, await placementsFile());

    expect(sim.requestLog.length).toBeGreaterThan(0);
    expect(sim.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('decides without zones when no placements are given (every zone person falls to the default)', async () => {
    const world = compliantOrg();
    const sim = await startTestSimulator({ org: world.org });
    const file = writeRulesFile(world.current);

    const run = await impactAgainstSimulator(sim, file);

    expect(run.out.join('\n')).toContain('impact: 3 person(s) would change');
  });

  it('exits 2 with every bad row when the placements file is bad', async () => {
    const world = compliantOrg();
    const sim = await startTestSimulator({ org: world.org });
    const file = writeRulesFile(world.current);
    const bad = path.join(await tempDir(), 'bad.csv');
    await writeFile(bad, 'email,building,floor\nana@example.com,,1\n');

    const run = await impactAgainstSimulator(sim, file, bad);

    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/line 2:/);
    expect(sim.requestLog).toEqual([]);
  });

  it.each([
    [['--impact'], '--impact needs --org'],
    [['--org', '--placements', 'p.csv'], '--placements needs --impact'],
  ])('exits 2 for %j (%s)', async (args, problem) => {
    const err: string[] = [];

    const code = await runRulesCheck([...args, writeRulesFile(compliantOrg().current)], {
      out: () => undefined,
      err: (line) => err.push(line),
    });

    expect(code).toBe(2);
    expect(err.join('\n')).toContain(problem);
  });
});
