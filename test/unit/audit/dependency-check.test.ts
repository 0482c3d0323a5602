import { describe, expect, it } from 'vitest';
import {
  createDependentTally,
  crossCheckDependents,
  webexDependentCount,
} from '../../../lambda/audit/dependency-check.js';
import { fakeWebexClient } from '../../helpers/fake-webex-client.js';
import { auditRecordFactory } from '../../helpers/audit-factories.js';
import { otherEncodingOf, testIds } from '../../helpers/rules-factories.js';

const onMember = (memberId: string) =>
  auditRecordFactory({ current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: memberId } });

describe('dependent counts', () => {
  it('counts the audited people pointing at each member, whatever the id encoding', () => {
    const tally = createDependentTally();
    tally.add(onMember(testIds.person(9)));
    tally.add(onMember(otherEncodingOf(testIds.person(9))));
    tally.add(auditRecordFactory());

    expect([...tally.counts().values()]).toEqual([{ memberId: testIds.person(9), count: 2 }]);
  });

  it('reports a member Webex counts more dependents for than the audit saw', async () => {
    const tally = createDependentTally();
    tally.add(onMember(testIds.person(9)));
    tally.add(onMember(testIds.place(1)));

    const report = await crossCheckDependents(tally.counts(), (id) =>
      Promise.resolve(id === testIds.person(9) ? 3 : 1),
    );

    expect(report).toEqual([
      { memberId: testIds.person(9), auditCount: 1, webexCount: 3, mismatch: true },
      { memberId: testIds.place(1), auditCount: 1, webexCount: 1, mismatch: false },
    ]);
  });

  it('reads Webex’s count for a person member, and says nothing for other member types', async () => {
    const webex = fakeWebexClient({});

    expect(await webexDependentCount(webex, testIds.person(9), {})).toBe(0);
    expect(await webexDependentCount(webex, testIds.place(1), {})).toBeUndefined();
    expect(webex.calls.map((call) => call.operation)).toEqual(['getPersonEcbnDependencies']);
  });
});
