/**
 * The soak's plan, before anything runs: the synthetic people to add to the simulator (with the ECBN each must end
 * with) and the SQS bodies to publish (with the final outcome each must reach). Pure and seeded: the same options
 * give the same plan.
 *
 * Mix of messages (shares of `events`, rounded):
 * - valid events, one per new person, spread over {@link SOAK_PROFILES}; some people are already right (→ unchanged);
 *   envelopes bare / SNS / EventBridge / CloudEvents; some name the person by email only, some carry `locationId`;
 * - duplicates (5 %): the same body again, as an at-least-once HR producer sends it (same final state);
 * - invalid events (2 %), several kinds; those naming a real person ("bystanders") must not change them;
 * - unknown people (1 %): a person id that never exists → dead-lettered with "person not ready …" once the event is
 *   `PERSON_NOT_READY_RETRY_MINUTES` old. Their `occurredAt` lies `window − grace` before they are published, so they
 *   are retried (deferred) for about `grace` seconds before the final verdict, instead of the whole window;
 * - skipped event types (1 %, `user.deleted`) naming a bystander: acknowledged, nobody changed;
 * - out-of-order pairs (5 %): an older `user.moved` for the same person (an hour earlier, to a
 *   building without zones), shuffled in with the rest: whichever order the function sees them in, the newer event's
 *   decision must be what Webex ends with (the older one is `stale`, or applied first and then overridden);
 * - partial updates (5 %, for people whose profile has a workplace): a later `user.updated` without workplace,
 *   published in a second phase once the first drained ("HR changed the department the next day"): the person must
 *   keep the ECBN their remembered workplace gives (the person ledger).
 */
import { encodeWebexId } from '../../lambda/webex/ids.js';
import { seededRandom, type PersonEcbnSetting, type PersonFixtureInput } from '../webex-simulator/index.js';
import { DEMO_IDS, SOAK_PROFILES, type SoakProfile } from './demo-profiles.js';
import {
  ENVELOPES,
  INVALID_KINDS,
  invalidBody,
  invalidKindNamesPerson,
  wrapEvent,
  type Envelope,
  type InvalidKind,
  type SoakEvent,
} from './event-bodies.js';

/** Shares of the message mix and of event variants. */
export interface SoakShares {
  readonly invalid: number;
  readonly unknownPerson: number;
  readonly skippedType: number;
  readonly duplicate: number;
  /** Of the new people: already on the expected ECBN. */
  readonly alreadyRight: number;
  /** Of the valid events: person named by email only. */
  readonly emailOnly: number;
  /** Of the valid events: carrying the person's `locationId`. */
  readonly withLocationId: number;
  /** Of the valid events: wrapped (split evenly between SNS, EventBridge and CloudEvents). */
  readonly wrapped: number;
  /** Of the valid events: followed by an older event for the same person (out of order). */
  readonly outOfOrder: number;
  /** Of the valid events: followed, in a second phase, by a newer `user.updated` without workplace. */
  readonly partialUpdate: number;
}

export const DEFAULT_SOAK_SHARES: SoakShares = Object.freeze({
  invalid: 0.02,
  unknownPerson: 0.01,
  skippedType: 0.01,
  duplicate: 0.05,
  alreadyRight: 0.3,
  emailOnly: 0.1,
  withLocationId: 0.2,
  wrapped: 0.3,
  outOfOrder: 0.05,
  partialUpdate: 0.05,
});

export interface SoakPlanOptions {
  readonly events: number;
  readonly seed: number;
  /** The run's start (epoch ms): `occurredAt` of the events. */
  readonly nowMs: number;
  /** `PERSON_NOT_READY_RETRY_MINUTES` of the run. */
  readonly notReadyWindowMinutes: number;
  /** How long (s) unknown people are retried before the window ends. */
  readonly notReadyGraceSeconds: number;
  readonly shares?: Partial<SoakShares>;
}

/** What a published message must end as. */
export type MessageExpectation =
  'ecbn-settled' | 'settled-or-stale' | 'dead-letter-invalid' | 'dead-letter-not-ready' | 'skipped';

export type MessageKind =
  'valid' | 'duplicate' | 'invalid' | 'unknown-person' | 'skipped-type' | 'out-of-order' | 'partial-update';

export interface PlannedMessage {
  /**
   * The SQS body, given the time it is published. Only unknown people's events depend on it (their `occurredAt` lies
   * `window − grace` before publication); every other body is fixed.
   */
  readonly bodyAt: (publishedAtMs: number) => string;
  readonly kind: MessageKind;
  readonly expectation: MessageExpectation;
  readonly eventId: string;
  /** The person the event is about, when it names a real one. */
  readonly personId?: string;
  readonly envelope: Envelope;
  readonly invalidKind?: InvalidKind;
}

export interface SoakPerson {
  readonly fixture: PersonFixtureInput;
  readonly profile: string;
  readonly initial: PersonEcbnSetting;
  /** The ECBN the person must have at the end (the initial one for bystanders). */
  readonly expected: PersonEcbnSetting;
  /** `target`: a valid event is about them; `bystander`: only invalid or skipped events name them. */
  readonly role: 'target' | 'bystander';
}

export interface SoakPlan {
  readonly people: readonly SoakPerson[];
  /** In publishing order (shuffled). */
  readonly messages: readonly PlannedMessage[];
  /** Published once `messages` drained (partial updates). */
  readonly followUps: readonly PlannedMessage[];
  readonly counts: Readonly<Record<MessageKind, number>> & { readonly alreadyRight: number };
}

/**
 * @example
 * const plan = planSoak({ events: 500, seed: 7, nowMs: Date.now(), notReadyWindowMinutes: 1, notReadyGraceSeconds: 3 });
 * for (const person of plan.people) simulator.state.addPerson(person.fixture);
 */
export function planSoak(options: SoakPlanOptions): SoakPlan {
  if (!Number.isInteger(options.events) || options.events < 1) {
    throw new RangeError(`events must be a positive integer, got ${options.events}`);
  }
  const shares = { ...DEFAULT_SOAK_SHARES, ...options.shares };
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const occurredAt = new Date(options.nowMs).toISOString();
  const notReadyAgeMs = Math.max(0, options.notReadyWindowMinutes * 60 - options.notReadyGraceSeconds) * 1000;

  const n = options.events;
  const invalid = Math.round(n * shares.invalid);
  const unknownPerson = Math.round(n * shares.unknownPerson);
  const skippedType = Math.round(n * shares.skippedType);
  const rest = Math.max(0, n - invalid - unknownPerson - skippedType);
  const duplicate = rest > 1 ? Math.min(Math.round(n * shares.duplicate), rest - 1) : 0;
  // Older events and partial updates are about valid events' people: at most one of each per valid event.
  const pairs = Math.max(0, rest - duplicate);
  const outOfOrder = Math.min(Math.round(n * shares.outOfOrder), Math.floor(pairs / 3));
  const partialUpdate = Math.min(Math.round(n * shares.partialUpdate), Math.floor(pairs / 3));
  const valid = rest - duplicate - outOfOrder - partialUpdate;

  const people: SoakPerson[] = [];
  const messages: PlannedMessage[] = [];
  let serial = 0;
  let alreadyRight = 0;

  const newPerson = (profile: SoakProfile, role: SoakPerson['role']): SoakPerson => {
    serial += 1;
    const right = role === 'target' && random() < shares.alreadyRight;
    if (right) alreadyRight += 1;
    const initial = right ? profile.expected : pick(profile.wrongInitial);
    const fixture: PersonFixtureInput = {
      id: encodeWebexId('PEOPLE', soakUuid('50a4', serial)),
      emails: [`soak.person.${serial}@acme-robotics.example`],
      firstName: 'Soak',
      lastName: `Person ${serial}`,
      locationId: profile.locationId,
      extension: String(1_000_000 + serial),
      ...(profile.hasDirectLine ? { directNumber: soakDirectNumber(serial) } : {}),
      ecbn: fixtureEcbn(initial),
    };
    const person: SoakPerson = {
      fixture,
      profile: profile.name,
      initial,
      expected: role === 'target' ? profile.expected : initial,
      role,
    };
    people.push(person);
    return person;
  };

  const validMessages: PlannedMessage[] = [];
  const extraMessages: PlannedMessage[] = [];
  const followUps: PlannedMessage[] = [];
  let olderLeft = outOfOrder;
  let partialLeft = partialUpdate;
  const olderAt = new Date(options.nowMs - 3_600_000).toISOString();
  const laterAt = new Date(options.nowMs + 60_000).toISOString();
  for (let i = 0; i < valid; i++) {
    const profile = SOAK_PROFILES[i % SOAK_PROFILES.length] as SoakProfile;
    const person = newPerson(profile, 'target');
    const emailOnly = random() < shares.emailOnly;
    const event: SoakEvent = {
      eventType: pick(['user.created', 'user.created', 'user.updated', 'user.moved']),
      eventId: `soak-${options.seed}-${i}`,
      occurredAt,
      person: emailOnly
        ? { email: person.fixture.emails[0] }
        : { id: person.fixture.id, email: person.fixture.emails[0] },
      ...(random() < shares.withLocationId ? { locationId: profile.locationId } : {}),
      ...(profile.workplace === undefined ? {} : { workplace: profile.workplace }),
    };
    const envelope: Envelope = random() < shares.wrapped ? pick(ENVELOPES.slice(1)) : 'bare';
    const body = wrapEvent(event, envelope);
    validMessages.push({
      bodyAt: () => body,
      kind: 'valid',
      expectation: 'ecbn-settled',
      eventId: event.eventId,
      personId: person.fixture.id,
      envelope,
    });
    if (olderLeft > 0) {
      olderLeft -= 1;
      const eventId = `soak-${options.seed}-${i}-older`;
      const older = wrapEvent(
        {
          eventType: 'user.moved',
          eventId,
          occurredAt: olderAt,
          person: { id: person.fixture.id },
          workplace: { building: 'B9', floor: '9' },
        },
        'bare',
      );
      extraMessages.push({
        bodyAt: () => older,
        kind: 'out-of-order',
        expectation: 'settled-or-stale',
        eventId,
        personId: person.fixture.id,
        envelope: 'bare',
      });
    }
    if (partialLeft > 0 && profile.workplace !== undefined) {
      partialLeft -= 1;
      const eventId = `soak-${options.seed}-${i}-partial`;
      const partial = wrapEvent(
        { eventType: 'user.updated', eventId, occurredAt: laterAt, person: { id: person.fixture.id } },
        'bare',
      );
      followUps.push({
        bodyAt: () => partial,
        kind: 'partial-update',
        expectation: 'ecbn-settled',
        eventId,
        personId: person.fixture.id,
        envelope: 'bare',
      });
    }
  }
  messages.push(...validMessages, ...extraMessages);
  // Partial updates that found no person with a workplace (tiny runs) become duplicates: the total stays exact.
  for (let i = 0; i < duplicate + partialLeft; i++) messages.push({ ...pick(validMessages), kind: 'duplicate' });

  for (let i = 0; i < invalid; i++) {
    const invalidKind = INVALID_KINDS[i % INVALID_KINDS.length] as InvalidKind;
    const bystander = invalidKindNamesPerson(invalidKind) ? newPerson(pick(SOAK_PROFILES), 'bystander') : undefined;
    const eventId = `soak-${options.seed}-invalid-${i}`;
    const body = invalidBody(invalidKind, {
      eventId,
      occurredAt,
      locationId: DEMO_IDS.sanJoseHq,
      ...(bystander ? { personId: bystander.fixture.id } : {}),
    });
    messages.push({
      bodyAt: () => body,
      kind: 'invalid',
      expectation: 'dead-letter-invalid',
      eventId,
      ...(bystander ? { personId: bystander.fixture.id } : {}),
      envelope: 'bare',
      invalidKind,
    });
  }

  for (let i = 0; i < unknownPerson; i++) {
    const eventId = `soak-${options.seed}-unknown-${i}`;
    const event: SoakEvent = {
      eventType: 'user.created',
      eventId,
      // Never added to the simulator: the HR system knows a hire Webex will not (a typo, a cancelled start).
      person: {
        id: encodeWebexId('PEOPLE', soakUuid('dead', i + 1)),
        email: `soak.unknown.${i}@acme-robotics.example`,
      },
      workplace: { building: 'B1', floor: '1' },
    };
    messages.push({
      bodyAt: (publishedAtMs) =>
        wrapEvent({ ...event, occurredAt: new Date(publishedAtMs - notReadyAgeMs).toISOString() }, 'bare'),
      kind: 'unknown-person',
      expectation: 'dead-letter-not-ready',
      eventId,
      envelope: 'bare',
    });
  }

  for (let i = 0; i < skippedType; i++) {
    const bystander = newPerson(pick(SOAK_PROFILES), 'bystander');
    const eventId = `soak-${options.seed}-skipped-${i}`;
    const body = wrapEvent(
      { eventType: 'user.deleted', eventId, occurredAt, person: { id: bystander.fixture.id } },
      'bare',
    );
    messages.push({
      bodyAt: () => body,
      kind: 'skipped-type',
      expectation: 'skipped',
      eventId,
      personId: bystander.fixture.id,
      envelope: 'bare',
    });
  }

  shuffle(messages, random);
  return {
    people,
    messages,
    followUps,
    counts: {
      valid,
      duplicate: duplicate + partialLeft,
      invalid,
      'unknown-person': unknownPerson,
      'skipped-type': skippedType,
      'out-of-order': extraMessages.length,
      'partial-update': followUps.length,
      alreadyRight,
    },
  };
}

/** A UUID whose second group marks the population (`50a4` soak people, `dead` never created) and ends with a serial. */
export function soakUuid(group: string, serial: number): string {
  return `50a50a50-${group}-4000-8000-${String(serial).padStart(12, '0')}`;
}

/** A unique E.164 direct line outside the demo org's numbers (+1 650 xxx xxxx). */
export function soakDirectNumber(serial: number): string {
  if (serial >= 10_000_000) throw new RangeError('soak serials stop at 9,999,999');
  return `+1650${String(serial).padStart(7, '0')}`;
}

/** The fixture's form of a setting (a member number always names its member). */
function fixtureEcbn(setting: PersonEcbnSetting): PersonFixtureInput['ecbn'] {
  if (setting.selected !== 'LOCATION_MEMBER_NUMBER') return { selected: setting.selected };
  if (setting.locationMemberId === undefined) throw new Error('LOCATION_MEMBER_NUMBER needs a locationMemberId');
  return { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: setting.locationMemberId };
}

/** Fisher–Yates, in place, with the seeded draw. */
function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
