/**
 * The demo org (`examples/demo-org.json`, served by the simulator in every pipeline scenario) by name, onboarding
 * events about its people, and the one way scenarios read a person's ECBN back from the simulator.
 *
 * @example
 * const body = toBody(demoEvent({ person: { id: DEMO.people.bob }, workplace: { building: 'B1', floor: '1' } }));
 * expect(ecbnOf(run.pipeline.webex, DEMO.people.bob)).toEqual(memberSetting(DEMO.phones.b1f1));
 */
import type { OnboardingEvent } from '../../lambda/events/onboarding-event.js';
import { encodeWebexId, sameWebexId } from '../../lambda/webex/ids.js';
import type { PersonEcbnSetting, WebexSimulator } from '../../local/webex-simulator/index.js';
import { demoIds } from './simulator-org.js';

const ids = demoIds();

/** Ids of the demo org that scenarios use. */
export const DEMO = {
  locations: { hq: ids.location('San Jose HQ'), austin: ids.location('Austin Branch') },
  people: {
    alice: ids.person('alice.nguyen'),
    bob: ids.person('bob.martinez'),
    carol: ids.person('carol.smith'),
    dan: ids.person('dan.okafor'),
    erin: ids.person('erin.walsh'),
    frank: ids.person('frank.lee'),
    ivan: ids.person('ivan.petrov'),
    grace: ids.person('grace.kim'),
    henry: ids.person('henry.patel'),
    jun: ids.person('jun.tanaka'),
  },
  /** The zone callback phones of San Jose HQ (workspaces), by building and floor. */
  phones: {
    b1f1: ids.workspace('SJ-B1-F1 Lobby Phone'),
    b1f2: ids.workspace('SJ-B1-F2 Callback Phone'),
    b2f1: ids.workspace('SJ-B2-F1 Callback Phone'),
    b2f2: ids.workspace('SJ-B2-F2 Callback Phone'),
  },
  /** The B2 floor 2 phone's number: INACTIVE in the fixture (not yet ported). */
  b2f2Number: '+14085550122',
  frontDeskHuntGroup: ids.huntGroup('SJ Front Desk'),
} as const;

/** `<local part>@acme-robotics.example`, the demo org's domain. */
export function demoEmail(localPart: string): string {
  return `${localPart}@acme-robotics.example`;
}

let eventSequence = 0;

/**
 * A v1 onboarding event about a demo person, with a unique `eventId` and `occurredAt` now (inside the not-ready
 * window) unless overridden.
 */
export function demoEvent(overrides: Partial<OnboardingEvent> & Pick<OnboardingEvent, 'person'>): OnboardingEvent {
  eventSequence += 1;
  return {
    eventType: 'user.created',
    eventId: `hr-scenario-${eventSequence}`,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An ISO time `minutes` ago (events older than `PERSON_NOT_READY_RETRY_MINUTES` are not retried). */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/**
 * Adds `count` extension-only people (no ECBN yet) to the simulator, alternating San Jose HQ (B1 floor 1 zone) and
 * Austin (location ECBN), with their events. Returns each person's id, expected ECBN and event.
 */
export function addNewHires(
  webex: WebexSimulator,
  count: number,
  tag: string,
): { personId: string; expected: PersonEcbnSetting; event: OnboardingEvent }[] {
  return Array.from({ length: count }, (_, index) => {
    const atHq = index % 2 === 0;
    const personId = encodeWebexId(
      'PEOPLE',
      `00000000-0000-4000-8000-${tag.padStart(2, '0')}${String(index + 1).padStart(10, '0')}`,
    );
    webex.state.addPerson({
      id: personId,
      emails: [`new.hire.${tag}.${index + 1}@acme-robotics.example`],
      firstName: 'New',
      lastName: `Hire${index + 1}`,
      locationId: atHq ? DEMO.locations.hq : DEMO.locations.austin,
      extension: String(6000 + index),
    });
    return {
      personId,
      expected: atHq ? memberSetting(DEMO.phones.b1f1) : { selected: 'LOCATION_ECBN' },
      event: demoEvent({
        person: { id: personId },
        ...(atHq ? { workplace: { building: 'B1', floor: '1' } } : {}),
      }),
    };
  });
}

/** The PUT-shaped setting of a zone member. */
export function memberSetting(memberId: string): PersonEcbnSetting {
  return { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: memberId };
}

/**
 * The person's ECBN as the simulator holds it, with a member id normalised to `expectedMemberId` when it names the
 * same entity (Webex encodes one entity's id with different cluster parts; only `sameWebexId` may compare them).
 */
export function ecbnOf(webex: WebexSimulator, personId: string, expectedMemberId?: string): PersonEcbnSetting {
  const setting = webex.state.personEcbnSetting(personId);
  if (setting.locationMemberId === undefined) return setting;
  const memberId =
    expectedMemberId !== undefined && sameWebexId(setting.locationMemberId, expectedMemberId)
      ? expectedMemberId
      : setting.locationMemberId;
  return { selected: setting.selected, locationMemberId: memberId };
}

/** {@link ecbnOf} against an expected setting: the comparable actual value. */
export function actualEcbnFor(webex: WebexSimulator, personId: string, expected: PersonEcbnSetting): PersonEcbnSetting {
  return ecbnOf(webex, personId, expected.locationMemberId);
}

/** Successful PUTs of a person's ECBN in the simulator's request log. */
export function successfulPutsFor(webex: WebexSimulator, personId: string): number {
  return webex.requestLog.filter(
    (entry) =>
      entry.method === 'PUT' &&
      entry.status !== undefined &&
      entry.status < 300 &&
      entry.route === 'PUT /telephony/config/people/{personId}/emergencyCallbackNumber' &&
      sameWebexId(
        decodeURIComponent(/\/people\/([^/]+)\/emergencyCallbackNumber$/.exec(entry.path)?.[1] ?? ''),
        personId,
      ),
  ).length;
}
