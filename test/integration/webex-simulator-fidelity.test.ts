/**
 * The simulator says what Webex documents (docs/webex-simulator.md, "Documented and inferred"): the list caps, the
 * read-back id encoding, the owner of every available number.
 */
import { describe, expect, it } from 'vitest';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { simRequest, startTestSimulator } from '../helpers/simulator.js';
import { OrgBuilder } from '../helpers/simulator-org.js';

type People = { items: unknown[] };

function orgWithSixtyPeopleAtOneLocation() {
  const b = new OrgBuilder();
  const hq = b.location();
  const members = Array.from({ length: 60 }, () => b.person({ locationId: hq }));
  const lobby = b.workspace({ locationId: hq });
  return { org: b.input(), hq, members, lobby };
}

describe('Webex simulator fidelity', () => {
  it('caps /people at 50 per page when locationId is given ("max will not be more than 50")', async () => {
    // Prepare
    const { org, hq } = orgWithSixtyPeopleAtOneLocation();
    const sim = await startTestSimulator({ org });

    // Act
    const atLocation = await simRequest(sim, 'GET', `/people?callingData=true&locationId=${hq}&max=100`);
    const everyone = await simRequest(sim, 'GET', '/people?callingData=true&max=100');

    // Assess
    expect((atLocation.body as People).items).toHaveLength(50);
    expect(atLocation.headers.get('link')).toMatch(/rel="next"/);
    expect((everyone.body as People).items).toHaveLength(60);
  });

  it('reads a member back in another encoding of the id that was put', async () => {
    // Prepare
    const { org, members, lobby } = orgWithSixtyPeopleAtOneLocation();
    const sim = await startTestSimulator({ org });
    const person = members[0] ?? '';
    const path = `/telephony/config/people/${person}/emergencyCallbackNumber`;

    // Act
    const put = await simRequest(sim, 'PUT', path, {
      body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby },
    });
    const read = await simRequest(sim, 'GET', path);

    // Assess
    const memberId = (read.body as { locationMemberInfo?: { memberId?: string } }).locationMemberInfo?.memberId;
    expect(put.status).toBe(204);
    expect(memberId).not.toBe(lobby);
    expect(sameWebexId(memberId, lobby)).toBe(true);
  });

  it('gives every available number an owner', async () => {
    // Prepare
    const { org, members } = orgWithSixtyPeopleAtOneLocation();
    const sim = await startTestSimulator({ org });

    // Act
    const answer = await simRequest(
      sim,
      'GET',
      `/telephony/config/people/${members[0] ?? ''}/emergencyCallbackNumber/availableNumbers`,
    );

    // Assess
    const numbers = (answer.body as { phoneNumbers: { owner?: { id: string; type: string } }[] }).phoneNumbers;
    expect(numbers.length).toBeGreaterThan(0);
    for (const entry of numbers) expect(entry.owner).toEqual(expect.objectContaining({ id: expect.any(String) }));
  });
});
