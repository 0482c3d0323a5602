import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../tools/audit/audit.js';
import { generateOrg } from '../../local/webex-simulator/generated-org.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const outDir = useTempDirs('audit-generated-');

describe('quick audit of a generated org (npm run audit -- --people N)', () => {
  it('finds the people the generator put in drift, and none after --fix', async () => {
    const out = await outDir();
    const expected = generateOrg({ people: 300 });
    const lines: string[] = [];

    const exitCode = await main(['--people', '300', '--fix', '--out', out], {}, (line) => lines.push(line));
    const before = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as {
      byStatus: Record<string, number>;
      webexCalls: number;
    };
    const after = JSON.parse(await readFile(path.join(out, 'after-fix', 'summary.json'), 'utf8')) as {
      byStatus: Record<string, number>;
      compliancePercent: number;
    };

    expect(before.byStatus).toMatchObject({
      drift: expected.driftPeople,
      compliant: expected.callingPeople - expected.driftPeople,
      'not-calling': 300 - expected.callingPeople,
    });
    expect(after.byStatus).toMatchObject({ drift: 0, attention: 0 });
    expect(after.compliancePercent).toBe(100);
    expect(exitCode).toBe(0);
  });

  it('costs about one Webex call per calling person', async () => {
    const out = await outDir();
    const org = generateOrg({ people: 300 });

    await main(['--people', '300', '--out', out], {}, () => undefined);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { webexCalls: number };

    // One ECBN read per calling person, one list page per 100 people, one available-numbers read per zone (6).
    expect(summary.webexCalls).toBe(org.callingPeople + 3 + 6);
  });

  it('prints progress and the summary on stderr', async () => {
    const out = await outDir();
    const lines: string[] = [];

    await main(['--people', '50', '--out', out], {}, (line) => lines.push(line));

    expect(lines).toContainEqual(expect.stringMatching(/^audit: 50\/50 people \(100\.0%\), \d+ Webex calls, /));
    expect(lines.at(-1)).toMatch(/^audit: 50 people, \d+ calling: .* compliance [\d.]+ %/);
  });
});
