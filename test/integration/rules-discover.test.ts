/**
 * `npm run rules -- discover` against the simulator: the starter file for the demo org round-trips (it parses as it
 * is, checks clean against the org, and still does with a candidate uncommented), names every location with its ECBN
 * and quality, and lists only the members Webex accepts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../lambda/webex/ids.js';
import { parseRules } from '../../tools/rules/parse-rules.js';
import { checkAgainstSimulator, discoverFromSimulator, writeRulesFile } from '../helpers/rules-tool-harness.js';
import { OrgBuilder, demoOrg, numberOf } from '../helpers/simulator-org.js';
import { startTestSimulator } from '../helpers/simulator.js';

async function discoverDemo() {
  const sim = await startTestSimulator({ org: demoOrg() });
  const out = path.join(path.dirname(writeRulesFile('version: 1\n')), 'discovered.yaml');
  const run = await discoverFromSimulator(sim, ['--out', out]);
  return { sim, run, out, text: readFileSync(out, 'utf8') };
}

describe('rules discover', () => {
  it('writes a starter file for the demo org that checks clean offline and against the org', async () => {
    // Act
    const { sim, run, out, text } = await discoverDemo();
    const check = await checkAgainstSimulator(sim, out);

    // Assess
    expect(run.code).toBe(0);
    expect(run.err).toEqual([`discover: wrote ${out}; next: edit its zones, then npm run rules:check -- --org ${out}`]);
    const rules = parseRules(text, out);
    expect(rules.locations.map((l) => l.name)).toEqual(['San Jose HQ', 'Austin Branch']);
    expect(rules.locations.every((l) => l.zones.length === 0)).toBe(true);
    expect(check.code).toBe(0);
    expect(check.out.at(-1)).toBe(`${out}: matches the org (2 location(s), 0 zone(s) checked)`);
  });

  it('comments each location with its ECBN and quality, and lists accepted members, workspaces first', async () => {
    const { text } = await discoverDemo();

    expect(text).toContain('# San Jose HQ: location ECBN LOCATION_NUMBER +14085550100, quality RECOMMENDED.');
    expect(text).toContain(
      '# Austin Branch: location ECBN LOCATION_MEMBER_NUMBER +15125550110 (AUS Reception Phone), quality RECOMMENDED.',
    );
    const candidates = text.split('\n').filter((line) => line.startsWith('      # - {'));
    expect(candidates.map((line) => line.replace(/^.* # /, ''))).toEqual([
      'workspace "SJ-B1-F1 Lobby Phone", +14085550111',
      'workspace "SJ-B1-F2 Callback Phone", +14085550112',
      'workspace "SJ-B2-F1 Callback Phone", +14085550121',
      'person "Alice Nguyen", +14085550201',
      'person "Jun Tanaka", +14085550210',
      'virtual line "SJ Security Desk", +14085550190 (NOT_RECOMMENDED: not a person or workspace)',
      'hunt group "SJ Front Desk", +14085550150 (NOT_RECOMMENDED: not a person or workspace)',
      'workspace "AUS Reception Phone", +15125550110',
      'person "Grace Kim", +15125550301',
    ]);
    // The inactive workspace is named as not a candidate; the auto attendant is never offered.
    expect(text).toContain('without an ACTIVE number Webex accepts (not candidates yet): "SJ-B2-F2 Callback Phone"');
    expect(text).not.toContain('+14085550160');
  });

  it('gives zones that check clean once a candidate is uncommented and its building and floor set', async () => {
    // Prepare: the first candidate of HQ, uncommented, as an admin would.
    const { sim, text } = await discoverDemo();
    const edited = text.replace(
      /^( {6})# - \{ match: \{ building: 'B\?', floor: '\?' \}(.*SJ-B1-F1 Lobby Phone.*)$/m,
      "$1- { match: { building: 'B1', floor: '1' }$2",
    );
    expect(edited).not.toBe(text);

    // Act
    const file = writeRulesFile(edited);
    const check = await checkAgainstSimulator(sim, file);

    // Assess
    expect(parseRules(edited).locations[0]?.zones).toHaveLength(1);
    expect(check.code).toBe(0);
  });

  it('marks a location whose ECBN is INVALID, and the file still parses', async () => {
    // Prepare
    const b = new OrgBuilder();
    const locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-1000000000c1');
    const phone = b.workspace({ locationId, displayName: 'Dead Phone' });
    b.location({
      id: locationId,
      name: 'Plant',
      ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: phone },
    });
    b.numberState(numberOf(b.build(), phone), 'INACTIVE');
    const sim = await startTestSimulator({ org: b.build() });

    // Act
    const run = await discoverFromSimulator(sim);

    // Assess: printed to stdout without --out.
    const text = run.out.join('\n');
    expect(run.code).toBe(0);
    expect(text).toContain('quality INVALID.');
    expect(text).toContain('# ! INVALID: fix the location ECBN in Control Hub');
    expect(text).toContain('# No candidate members');
    expect(parseRules(text).locations).toHaveLength(1);
  });

  it('exits 2 when the file cannot be written', async () => {
    const sim = await startTestSimulator({ org: demoOrg() });

    const run = await discoverFromSimulator(sim, [
      '--out',
      path.join(path.dirname(writeRulesFile('')), 'no', 'such', 'dir.yaml'),
    ]);

    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/discover: cannot write .*dir\.yaml \(ENOENT\)/);
  });

  it('refuses a plain http URL that is not loopback, before reading anything', async () => {
    const sim = await startTestSimulator({ org: demoOrg() });

    const run = await discoverFromSimulator(sim, ['--webex-url', 'http://webexapis.com/v1']);

    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toContain('--webex-url: Webex baseUrl must use https:');
    expect(sim.requestLog).toEqual([]);
  });
});
