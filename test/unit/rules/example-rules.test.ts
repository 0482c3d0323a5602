import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DEFAULT_RULES_FILE, loadRulesFile } from '../../../tools/rules/index.js';
import { samePhoneNumber } from '../../../lambda/rules/phone-number.js';
import { sameWebexId } from '../../../lambda/webex/ids.js';

/** Only the parts of the demo org this check reads (the simulator owns the full schema). */
const demoOrgSchema = z.looseObject({
  locations: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  workspaces: z.array(z.looseObject({ id: z.string(), locationId: z.string(), phoneNumber: z.string().optional() })),
  numberStates: z.record(z.string(), z.string()).optional(),
});

const demoOrg = demoOrgSchema.parse(JSON.parse(readFileSync('examples/demo-org.json', 'utf8')));
const rules = loadRulesFile(DEFAULT_RULES_FILE);

describe(`the example rules file (${DEFAULT_RULES_FILE}) against the demo org`, () => {
  it('names every location with its demo-org id and name', () => {
    // Act
    const unmatched = rules.locations.filter(
      (location) =>
        !demoOrg.locations.some((org) => sameWebexId(org.id, location.locationId) && org.name === location.name),
    );
    // Assess
    expect(rules.locations.length).toBeGreaterThan(0);
    expect(unmatched).toEqual([]);
  });

  it('uses only workspaces of the same location as callback members', () => {
    // Prepare
    const members = rules.locations.flatMap((location) =>
      location.zones.map((zone) => ({ locationId: location.locationId, member: zone.callbackMember })),
    );
    // Act
    const unmatched = members.filter(
      ({ locationId, member }) =>
        !demoOrg.workspaces.some(
          (workspace) =>
            sameWebexId(workspace.locationId, locationId) &&
            ('id' in member
              ? sameWebexId(workspace.id, member.id)
              : samePhoneNumber(workspace.phoneNumber, member.phoneNumber)),
        ),
    );
    // Assess
    expect(members.length).toBeGreaterThanOrEqual(4);
    expect(unmatched).toEqual([]);
  });

  it('has exactly one zone whose member number is inactive (the fallback demo)', () => {
    // Prepare
    const inactive = Object.entries(demoOrg.numberStates ?? {})
      .filter(([, state]) => state === 'INACTIVE')
      .map(([number]) => number);
    // Act
    const zonesOnInactive = rules.locations.flatMap((location) =>
      location.zones.filter((zone) => {
        const member = zone.callbackMember;
        const phone =
          'phoneNumber' in member
            ? member.phoneNumber
            : demoOrg.workspaces.find((workspace) => sameWebexId(workspace.id, member.id))?.phoneNumber;
        return inactive.some((number) => samePhoneNumber(number, phone));
      }),
    );
    // Assess
    expect(zonesOnInactive).toHaveLength(1);
  });
});
