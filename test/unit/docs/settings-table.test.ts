/**
 * `docs/settings.md` is where users look up a `-c name=value` setting. A setting added to `infra/settings.ts` without
 * its row, or a row left behind for a removed one, makes it untrue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../../infra/settings.js';

/** The first-column names of every table row in a Markdown text (`| \`name\` | …`). */
function settingRows(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1] ?? '');
}

describe('the settings page', () => {
  it('has one row for every CDK setting the stack accepts, and no other', () => {
    // Act
    const documented = settingRows(readFileSync('docs/settings.md', 'utf8'));

    // Assess
    expect([...documented].sort()).toEqual([...SETTING_NAMES].sort());
  });
});
