import { describe, expect, it } from 'vitest';
import type { InventoryNumber } from '../../../lambda/webex/models.js';
import { checkRulesAgainstOrg } from '../../../tools/rules/org-check.js';
import type { LocationSnapshot, OrgSnapshot } from '../../../tools/rules/org-snapshot.js';
import { webexIdKey } from '../../../lambda/webex/ids.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';

// The org read is the simulator's job in the integration tests; here the cases the simulator cannot hold (its
// fixture gives each number one owner), on a hand-made snapshot.
function snapshotWith(numbers: InventoryNumber[]): OrgSnapshot {
  const location: LocationSnapshot = {
    location: { id: testIds.location(1), name: 'HQ' },
    ecbn: {
      selected: 'LOCATION_NUMBER',
      locationInfo: { effectiveValue: '+14085550100', quality: 'RECOMMENDED' },
      locationMemberInfo: { effectiveValue: '', quality: 'RECOMMENDED' },
    },
    availableNumbers: [availableNumberFactory()],
    workspaces: [],
  };
  return {
    callingLocations: [location.location],
    locations: new Map([[webexIdKey(testIds.location(1)), location]]),
    numbers,
  };
}

describe('checkRulesAgainstOrg', () => {
  it('refuses a number listed with two owners: the member must then be given by id', () => {
    // Prepare
    const here = { id: testIds.location(1), name: 'HQ' };
    const rules = rulesFactory({
      locations: [
        locationDocumentFactory({ zones: [zoneDocumentFactory({ callbackMember: { phoneNumber: '+14085550134' } })] }),
      ],
    });
    const org = snapshotWith([
      {
        phoneNumber: '+14085550134',
        state: 'ACTIVE',
        location: here,
        owner: { id: testIds.place(1), type: 'PLACE', displayName: 'Lobby' },
      },
      {
        phoneNumber: '+14085550134',
        state: 'ACTIVE',
        location: here,
        owner: { id: testIds.huntGroup(1), type: 'HUNT_GROUP', displayName: 'Desk' },
      },
    ]);

    // Act
    const findings = checkRulesAgainstOrg(rules, org);

    // Assess
    expect(findings).toEqual([
      {
        severity: 'error',
        path: ['locations', 0, 'zones', 0, 'callbackMember'],
        message: '+14085550134 resolves to 2 owners (workspace "Lobby", hunt group "Desk"); give the member by id',
      },
    ]);
  });
});
