import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOrg, generatedPlacement } from '../../local/webex-simulator/generated-org.js';
import { main } from '../../tools/backfill/backfill.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('backfill-');

const ORG_PEOPLE = 1_100;

/** An HR export of the first `rows` calling people of the generated org, half by email, half by person id. */
async function writeExport(rows: number, extraLines: string[] = []): Promise<string> {
  const dir = await tempDir();
  const { fixture } = generateOrg({ people: ORG_PEOPLE });
  const lines = (fixture.people ?? [])
    .filter((person) => person.locationId !== undefined)
    .slice(0, rows)
    .map((person, index) => {
      const placement = generatedPlacement(person.id, ORG_PEOPLE);
      const who = index % 2 === 0 ? `${person.emails[0]},` : `,${person.id}`;
      return `${who},${placement?.building},${placement?.floor}`;
    });
  const file = path.join(dir, 'export.csv');
  await writeFile(file, ['email,personId,building,floor', ...lines, ...extraLines].join('\n'));
  return file;
}

function run(argv: string[]) {
  const lines: string[] = [];
  return main(argv, (line) => lines.push(line)).then((code) => ({ code, lines }));
}

describe('npm run backfill', () => {
  it('backfills a 1,000-row export end to end through the local pipeline', async () => {
    const file = await writeExport(1_000);
    const drifting = 1_000 / 50; // generated org: every 50th calling person has no ECBN yet

    const { code, lines } = await run([file, '--people', String(ORG_PEOPLE), '--rate', '5000']);

    expect(code).toBe(0);
    expect(lines.at(-1)).toBe(
      `backfill: 1000 published, 0 skipped; local outcomes: ${1_000 - drifting} unchanged, ${drifting} updated`,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^backfill: \[#{20}\] 1000\/1000 rows, /));
  });

  it('skips the rows already published when run again', async () => {
    const file = await writeExport(30);
    await run([file, '--people', String(ORG_PEOPLE), '--rate', '5000']);

    const { code, lines } = await run([file, '--people', String(ORG_PEOPLE), '--rate', '5000']);

    expect(code).toBe(0);
    expect(lines).toContain('backfill: 30 row(s) already published (progress file): skipped');
    expect(lines.at(-1)).toMatch(/^backfill: 0 published, 30 skipped/);
  });

  it('lists every bad row with its line number and publishes nothing', async () => {
    const file = await writeExport(5, ['not-an-email,,B1,1', ',,B1,1', 'x@example.com,,,2']);

    const { code, lines } = await run([file, '--people', String(ORG_PEOPLE)]);

    expect(code).toBe(2);
    expect(lines[0]).toBe(`backfill: ${file}: 3 bad row(s); nothing published`);
    expect(lines.slice(1).map((line) => line.match(/^ {2}line (\d+):/)?.[1])).toEqual(['7', '8', '9']);
  });

  it('refuses a command line without a file', async () => {
    const { code } = await run(['--rate', '10']);

    expect(code).toBe(2);
  });
});
