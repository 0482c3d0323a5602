import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runRulesCheck } from '../../../tools/rules/check-rules-command.js';
import { describeDefaults, summarizeRules } from '../../../tools/rules/index.js';
import { locationDocumentFactory, rulesFactory, testIds, zoneDocumentFactory } from '../../helpers/rules-factories.js';

const FIXTURES = 'test/fixtures/rules';

/** Runs the command in-process and captures what it writes. */
async function check(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRulesCheck(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('summarizeRules', () => {
  it('writes one line per location with its zones', () => {
    // Prepare
    const rules = rulesFactory({
      locations: [
        locationDocumentFactory({
          zones: [
            zoneDocumentFactory({ match: { building: 'B1', floor: '1' }, callbackMember: { id: testIds.place(11) } }),
            zoneDocumentFactory({
              match: { building: 'B3' },
              callbackMember: { phoneNumber: '+14085550130' },
              appliesTo: 'everyone',
            }),
          ],
        }),
        locationDocumentFactory({ locationId: testIds.location(2), name: undefined }),
      ],
    });
    // Act
    const lines = summarizeRules(rules);
    // Assess
    expect(lines).toEqual([
      'San Jose HQ (LOCATION/00000000-0000-4000-8000-c00000000001): without direct line → LOCATION_ECBN; 2 zone(s): ' +
        'B1/1 → PLACE/00000000-0000-4000-8000-a00000000011 (withoutDirectLine), B3/* → +14085550130 (everyone)',
      'LOCATION/00000000-0000-4000-8000-c00000000002: without direct line → LOCATION_ECBN; no zones',
    ]);
    expect(describeDefaults(rules)).toBe(
      'version 1; with direct line → DIRECT_LINE, without → LOCATION_ECBN; 2 location(s), 2 zone(s)',
    );
  });
});

describe('rules:check', () => {
  it('validates the example rules file by default and prints a line per location', async () => {
    // Act
    const { code, out, err } = await check([]);
    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(
      'config/ecbn-rules.yaml: valid (version 1; with direct line → DIRECT_LINE, without → LOCATION_ECBN; 2 location(s), 4 zone(s))',
    );
    expect(out.slice(1).map((line) => line.split(':')[0])).toEqual([
      '  San Jose HQ (LOCATION/5e0c2b7a-4d1f-4c8e-9a6b-00000000c001)',
      '  Austin Branch (LOCATION/5e0c2b7a-4d1f-4c8e-9a6b-00000000c002)',
      '  example rules (example',
    ]);
    expect(out.at(-1)).toBe('  example rules (example: true): cdk synth refuses them unless -c allowExampleRules=true');
  });

  it('prints every error of a broken file, marked as an error, and exits 1', async () => {
    // Act
    const { code, out, err } = await check([`${FIXTURES}/many-errors.yaml`]);
    // Assess
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`${FIXTURES}/many-errors.yaml: invalid (5 error(s))`);
    expect(err.slice(1)).toHaveLength(5);
    expect(err.every((line, index) => index === 0 || /^ {2}error: \S.*: .*\(line \d+\)$/.test(line))).toBe(true);
  });

  it('checks several files and fails when any is invalid', async () => {
    // Act
    const { code, out, err } = await check([`${FIXTURES}/valid.json`, `${FIXTURES}/unknown-version.yaml`]);
    // Assess
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^test\/fixtures\/rules\/valid\.json: valid/);
    expect(err).toEqual([
      `${FIXTURES}/unknown-version.yaml: invalid (1 error(s))`,
      '  error: version: unknown version; this release reads version 1 (line 2)',
    ]);
  });

  it('reports a missing file as invalid', async () => {
    // Act
    const { code, err } = await check(['nowhere.yaml']);
    // Assess
    expect(code).toBe(1);
    expect(err).toEqual(['nowhere.yaml: invalid (1 error(s))', '  error: (file): file not found']);
  });

  it.each([
    [['--help'], 0, 'out'],
    [['--strict'], 2, 'err'],
    [['--webex-url', 'http://127.0.0.1:1/v1'], 2, 'err'],
    [['--org', '--webex-url'], 2, 'err'],
  ] as const)('answers %j with the usage (exit %i)', async (args, expectedCode, stream) => {
    // Act
    const result = await check([...args]);
    // Assess
    expect(result.code).toBe(expectedCode);
    expect(result[stream].join('\n')).toContain(
      'Usage: npm run rules:check -- [--org [--webex-url URL] [--impact [--placements FILE]]] [file …]',
    );
  });

  it('runs as `npm run rules:check` with exit codes 0 and 1', async () => {
    // Prepare: the same command line the npm script runs (tsx tools/rules/cli.ts check).
    const run = promisify(execFile);
    const tsx = 'node_modules/.bin/tsx';
    // Act
    const valid = await run(tsx, ['tools/rules/cli.ts', 'check', `${FIXTURES}/valid.json`]);
    const invalid = await run(tsx, ['tools/rules/cli.ts', 'check', `${FIXTURES}/typo-in-zone.yaml`]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    // Assess
    expect(valid.stdout).toContain('valid.json: valid');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error: locations[0].zones[0].appliesto: unknown field (line 9)');
  });
});
