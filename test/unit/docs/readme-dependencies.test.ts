/**
 * The README's "Dependencies" tables say why each package is there. A package added to or removed from
 * `package.json` without its line (or a line left behind for a removed one) makes them untrue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';

const packageJsonSchema = z.object({
  dependencies: z.record(z.string(), z.string()).default({}),
  devDependencies: z.record(z.string(), z.string()).default({}),
});

/**
 * The package names of the table rows in the README's "## Dependencies" section: every `code` span in a row's first
 * cell (`@middy/core` 6.4.5, `eslint` + `@eslint/js`, …).
 */
function packagesInReadmeTables(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Dependencies\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
}

describe('the README dependency tables', () => {
  it('name exactly the packages of package.json, dependencies and devDependencies', () => {
    // Prepare
    const manifest = packageJsonSchema.parse(JSON.parse(readFileSync('package.json', 'utf8')));
    const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].sort();

    // Act
    const documented = packagesInReadmeTables(readFileSync('README.md', 'utf8')).sort();

    // Assess
    expect(documented).toEqual(declared);
  });

  it('list each package once', () => {
    // Act
    const documented = packagesInReadmeTables(readFileSync('README.md', 'utf8'));

    // Assess
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });
});
