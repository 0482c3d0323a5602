/**
 * The soak's oracle (the hand-written expected ECBN of every profile) against the rules engine, on the simulator's
 * view of a person of that profile: if the rules file or the demo org change, this says which row is now wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEventBody } from '../../../lambda/events/index.js';
import { decideEcbn, findApplicableZone, type EcbnRules } from '../../../lambda/rules/index.js';
import { loadRulesFile } from '../../../tools/rules/index.js';
import { encodeWebexId, sameWebexId } from '../../../lambda/webex/ids.js';
import { STRICT_SCHEMAS } from '../../../lambda/webex/models.js';
import { sameSetting } from '../../../local/soak/accounting.js';
import { DEMO_IDS, SOAK_PROFILES, type SoakProfile } from '../../../local/soak/demo-profiles.js';
import { wrapEvent } from '../../../local/soak/event-bodies.js';
import { soakDirectNumber, soakUuid } from '../../../local/soak/plan.js';
import {
  DEMO_ORG_PATH,
  loadOrgFixture,
  OrgState,
  type OrgFixture,
  type PersonEcbnSetting,
} from '../../../local/webex-simulator/index.js';

let org: OrgFixture;
let rules: EcbnRules;

beforeAll(async () => {
  org = await loadOrgFixture(DEMO_ORG_PATH);
  rules = loadRulesFile('config/ecbn-rules.yaml');
});

/** What the handler would decide for a person of `profile` who currently has `initial`. */
function decisionFor(profile: SoakProfile, initial: PersonEcbnSetting): PersonEcbnSetting {
  // Prepare: the simulator's org with one person of the profile, as the soak's plan builds them.
  const state = new OrgState(org);
  const person = state.addPerson({
    id: encodeWebexId('PEOPLE', soakUuid('50a4', 1)),
    emails: ['soak.person.1@acme-robotics.example'],
    firstName: 'Soak',
    lastName: 'Person 1',
    locationId: profile.locationId,
    extension: '1000001',
    ...(profile.hasDirectLine ? { directNumber: soakDirectNumber(1) } : {}),
    ecbn:
      initial.selected === 'LOCATION_MEMBER_NUMBER'
        ? { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: initial.locationMemberId! }
        : { selected: initial.selected },
  });
  // The workplace as the handler reads it from an event (trimmed, numbers as text).
  const parsed = parseEventBody(
    wrapEvent(
      { eventType: 'user.created', eventId: 'e', person: { id: person.id }, ...profileWorkplace(profile) },
      'bare',
    ),
    { messageId: 'm' },
  );
  if (parsed.kind !== 'accepted') throw new Error('the profile event must be accepted');
  const current = STRICT_SCHEMAS.personEcbn.parse(state.getPersonEcbnView(person.id));
  const facts = {
    personId: person.id,
    locationId: profile.locationId,
    hasDirectLine: Boolean(current.directLineInfo?.phoneNumber),
  };
  const zone = findApplicableZone(rules, facts, parsed.event.workplace);
  const member = zone?.callbackMember;
  const candidates =
    member === undefined
      ? undefined
      : (
          state.availableNumbersForPerson(person.id, {
            filter: 'phoneNumber' in member ? { phoneNumbers: [member.phoneNumber] } : {},
          }) ?? []
        )
          .map((view) => STRICT_SCHEMAS.availableNumber.parse(view))
          .filter((n) => !('id' in member) || (n.owner !== undefined && sameWebexId(n.owner.id, member.id)));
  // Act
  const decision = decideEcbn({
    person: facts,
    ...(parsed.event.workplace ? { workplace: parsed.event.workplace } : {}),
    rules,
    current,
    ...(candidates ? { zoneCandidates: candidates } : {}),
  });
  return decision.wanted;
}

function profileWorkplace(profile: SoakProfile) {
  return profile.workplace === undefined ? {} : { workplace: profile.workplace };
}

describe('soak profiles of the demo org', () => {
  it.each(SOAK_PROFILES.map((profile) => [profile.name, profile] as const))(
    '%s: the rules give the expected ECBN from never-configured',
    (_name, profile) => {
      // Act
      const wanted = decisionFor(profile, { selected: 'NONE' });
      // Assess
      expect(sameSetting(wanted, profile.expected)).toBe(true);
    },
  );

  it.each(
    SOAK_PROFILES.flatMap((profile) =>
      profile.wrongInitial.map((initial) => [profile.name, JSON.stringify(initial), profile, initial] as const),
    ),
  )('%s: the rules move %s to the expected ECBN', (_name, _initial, profile, initial) => {
    // Act
    const wanted = decisionFor(profile, initial);
    // Assess: a wrong initial setting really is wrong, and the decision does not depend on it.
    expect(sameSetting(initial, profile.expected)).toBe(false);
    expect(sameSetting(wanted, profile.expected)).toBe(true);
  });

  it('covers both locations, every zone, people with and without a direct line', () => {
    const members = SOAK_PROFILES.map((p) => p.expected.locationMemberId).filter((id) => id !== undefined);
    expect(new Set(SOAK_PROFILES.map((p) => p.locationId))).toEqual(new Set([DEMO_IDS.sanJoseHq, DEMO_IDS.austin]));
    expect(new Set(members)).toEqual(new Set([DEMO_IDS.b1f1Phone, DEMO_IDS.b1f2Phone, DEMO_IDS.b2f1Phone]));
    expect(SOAK_PROFILES.some((p) => p.workplace?.building === 'B2' && p.workplace.floor === '2')).toBe(true);
    expect(SOAK_PROFILES.filter((p) => p.hasDirectLine).length).toBeGreaterThan(0);
    expect(SOAK_PROFILES.filter((p) => !p.hasDirectLine).length).toBeGreaterThan(0);
  });

  it('has unique profile names', () => {
    expect(new Set(SOAK_PROFILES.map((p) => p.name)).size).toBe(SOAK_PROFILES.length);
  });
});
