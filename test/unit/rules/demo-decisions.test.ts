import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { decideEcbn, type Workplace } from '../../../lambda/rules/index.js';
import { DEFAULT_RULES_FILE, loadRulesFile } from '../../../tools/rules/index.js';
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { availableNumberFactory, personEcbnFactory } from '../../helpers/rules-factories.js';

/** Only the parts of the demo org the decision needs (the simulator owns the full schema). */
const demoOrgSchema = z.looseObject({
  workspaces: z.array(
    z.looseObject({ id: z.string(), displayName: z.string(), locationId: z.string(), phoneNumber: z.string() }),
  ),
  people: z.array(
    z.looseObject({
      id: z.string(),
      firstName: z.string(),
      locationId: z.string().optional(),
      extension: z.string().optional(),
      directNumber: z.string().optional(),
      ecbn: z.looseObject({ selected: z.string(), locationMemberId: z.string().optional() }).optional(),
    }),
  ),
  numberStates: z.record(z.string(), z.string()).optional(),
});

const org = demoOrgSchema.parse(JSON.parse(readFileSync('examples/demo-org.json', 'utf8')));
const rules = loadRulesFile(DEFAULT_RULES_FILE);

const workspace = (name: string) => org.workspaces.find((item) => item.displayName === name)?.id;

/**
 * The demo story, end to end through the pure decision: each demo person, where they sit (from the sample events),
 * and what the example rules give them. This table is the one in docs/decision-rules.md, "The demo org".
 */
const STORY: [string, Workplace | undefined, string, string | undefined, string, boolean][] = [
  ['Alice', { building: 'B1', floor: '2' }, 'DIRECT_LINE', undefined, 'direct-line', false],
  [
    'Bob',
    { building: 'B1', floor: '1' },
    'LOCATION_MEMBER_NUMBER',
    'SJ-B1-F1 Lobby Phone',
    'zone San Jose HQ/B1/1',
    true,
  ],
  [
    'Carol',
    { building: 'B2', floor: '1' },
    'LOCATION_MEMBER_NUMBER',
    'SJ-B2-F1 Callback Phone',
    'zone San Jose HQ/B2/1',
    true,
  ],
  [
    'Dan',
    { building: 'B2', floor: '2' },
    'LOCATION_ECBN',
    undefined,
    'fallback: zone San Jose HQ/B2/2 member PLACE/5e0c2b7a-4d1f-4c8e-9a6b-0000000d0b22 is inactive',
    true,
  ],
  [
    'Erin',
    { building: 'B1', floor: '1' },
    'LOCATION_MEMBER_NUMBER',
    'SJ-B1-F1 Lobby Phone',
    'zone San Jose HQ/B1/1',
    false,
  ],
  [
    'Ivan',
    { building: 'B2', floor: '1' },
    'LOCATION_MEMBER_NUMBER',
    'SJ-B2-F1 Callback Phone',
    'zone San Jose HQ/B2/1',
    true,
  ],
  ['Grace', undefined, 'DIRECT_LINE', undefined, 'direct-line', true],
  ['Henry', undefined, 'LOCATION_ECBN', undefined, 'location-default', false],
  ['Jun', { building: 'B2', floor: '2' }, 'DIRECT_LINE', undefined, 'direct-line', true],
];

describe('the demo org under the example rules', () => {
  const named = STORY.map((row) => {
    const [firstName, workplace, selected, memberName, reason] = row;
    const where = workplace === undefined ? 'no workplace' : `${workplace.building}/${workplace.floor ?? '*'}`;
    const what = memberName === undefined ? selected : `${selected} ${memberName}`;
    return [`gives ${firstName} (${where}) ${what}: ${reason}`, ...row] as const;
  });

  it.each(named)('%s', (_name, firstName, workplace, selected, memberName, reason, changed) => {
    // Prepare: facts and GET body as Webex would report them for this demo person.
    const person = org.people.find((item) => item.firstName === firstName);
    if (person?.locationId === undefined) throw new Error(`demo person ${firstName} has no location`);
    const hasDirectLine = person.directNumber !== undefined;
    const current = personEcbnFactory({
      selected: person.ecbn?.selected ?? 'NONE',
      ...(person.ecbn?.locationMemberId === undefined ? {} : { locationMemberId: person.ecbn.locationMemberId }),
    });
    const candidates = org.workspaces
      .filter((item) => sameWebexId(item.locationId, person.locationId))
      .map((item) =>
        availableNumberFactory({
          phoneNumber: item.phoneNumber,
          state: org.numberStates?.[item.phoneNumber] === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
          owner: { id: item.id, type: 'PLACE', displayName: item.displayName },
        }),
      );
    // Act
    const decision = decideEcbn({
      person: {
        personId: person.id,
        locationId: person.locationId,
        hasDirectLine,
        ...(person.extension ? { extension: person.extension } : {}),
      },
      ...(workplace === undefined ? {} : { workplace }),
      rules,
      current,
      zoneCandidates: candidates,
    });
    // Assess
    expect(decision.wanted).toEqual(
      memberName === undefined ? { selected } : { selected, locationMemberId: workspace(memberName) },
    );
    expect(decision.reason).toBe(reason);
    expect(decision.changed).toBe(changed);
    expect(decision.attention).toBeUndefined();
  });
});
