/** Reads and validates an org fixture file (I/O at the edge; parsing in `org-fixture.ts`). */
import { readFile } from 'node:fs/promises';
import { parseOrgFixture, type OrgFixture } from './org-fixture.js';

/** The demo org shipped with the repo. */
export const DEMO_ORG_PATH = new URL('../../examples/demo-org.json', import.meta.url);

/**
 * @example
 * const org = await loadOrgFixture(DEMO_ORG_PATH);
 */
export async function loadOrgFixture(path: string | URL): Promise<OrgFixture> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Org fixture ${String(path)} is not valid JSON`, { cause: error });
  }
  return parseOrgFixture(json);
}
