import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../tools/audit/audit.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('audit-inputs-');

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const code = await main(argv, env, (line) => lines.push(line));
  return { code, lines };
}

describe('npm run audit: bad inputs exit 2 and say why', () => {
  it('lists every bad placement row with its line number and audits nothing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'placements.csv');
    await writeFile(file, 'email,building,floor\nana@example.com,B1,1\nnot-an-email,B1,1\nbo@example.com,,2\n');

    const { code, lines } = await run(['--placements', file, '--out', path.join(dir, 'out')]);

    expect(code).toBe(2);
    expect(lines[0]).toBe(`audit: ${file}: 2 bad row(s)`);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^ {2}line 3: /), expect.stringMatching(/^ {2}line 4: /)]);
  });

  it('needs WEBEX_TOKEN for --webex-url, and never prints a token', async () => {
    const { code, lines } = await run(['--webex-url', 'https://webexapis.com/v1']);

    expect(code).toBe(2);
    expect(lines).toEqual(['audit: WEBEX_TOKEN is not set (the token for --webex-url)']);
  });

  it('refuses --fix against a real org before doing anything', async () => {
    const { code, lines } = await run(['--webex-url', 'https://webexapis.com/v1', '--fix'], {
      WEBEX_TOKEN: 'CANARY-AUDIT-0a1b2c',
    });

    expect(code).toBe(2);
    expect(lines[0]).toMatch(/--fix is refused against a real org/);
    expect(lines.join('\n')).not.toContain('CANARY-AUDIT-0a1b2c');
  });
});
