import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../lambda/errors.js';
import { parseEventBody } from '../../../lambda/events/index.js';
import { sameSetting } from '../../../local/soak/accounting.js';
import { SOAK_PROFILES } from '../../../local/soak/demo-profiles.js';
import { planSoak, soakDirectNumber, type SoakPlanOptions } from '../../../local/soak/plan.js';

const NOW = Date.parse('2026-11-29T10:00:00Z');
const planOptions = (overrides: Partial<SoakPlanOptions> = {}): SoakPlanOptions => ({
  events: 1000,
  seed: 7,
  nowMs: NOW,
  notReadyWindowMinutes: 1,
  notReadyGraceSeconds: 10,
  ...overrides,
});
const parse = (body: string) => parseEventBody(body, { messageId: 'sqs-1' });

describe('planSoak', () => {
  it('publishes exactly the requested number of messages in the documented mix', () => {
    // Act
    const plan = planSoak(planOptions({ events: 10_000 }));
    // Assess
    expect(plan.messages.length + plan.followUps.length).toBe(10_000);
    expect(plan.counts).toMatchObject({
      invalid: 200,
      'unknown-person': 100,
      'skipped-type': 100,
      duplicate: 500,
      'out-of-order': 500,
      'partial-update': 500,
      valid: 8_100,
    });
    const kinds = plan.messages.map((m) => m.kind);
    expect(kinds.filter((kind) => kind === 'valid')).toHaveLength(8_100);
    expect(kinds.filter((kind) => kind === 'out-of-order')).toHaveLength(500);
    expect(plan.followUps.map((m) => m.kind)).toEqual(Array.from({ length: 500 }, () => 'partial-update'));
    expect(kinds.filter((kind) => kind === 'duplicate')).toHaveLength(500);
    expect(kinds.filter((kind) => kind === 'invalid')).toHaveLength(200);
  });

  it('is deterministic for a seed and shuffles differently for another', () => {
    // Act
    const a = planSoak(planOptions());
    const b = planSoak(planOptions());
    const c = planSoak(planOptions({ seed: 8 }));
    // Assess
    expect(a.messages.map((m) => m.bodyAt(NOW))).toEqual(b.messages.map((m) => m.bodyAt(NOW)));
    expect(a.messages.map((m) => m.eventId)).not.toEqual(c.messages.map((m) => m.eventId));
  });

  it('gives every person a unique id, email and direct line', () => {
    const plan = planSoak(planOptions({ events: 5_000 }));
    const ids = plan.people.map((p) => p.fixture.id);
    const emails = plan.people.map((p) => p.fixture.emails[0]);
    const numbers = plan.people.flatMap((p) => (p.fixture.directNumber ? [p.fixture.directNumber] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('spreads the targets over every profile and leaves about 30 % already right', () => {
    const plan = planSoak(planOptions({ events: 5_000 }));
    const targets = plan.people.filter((p) => p.role === 'target');
    expect(new Set(targets.map((p) => p.profile))).toEqual(new Set(SOAK_PROFILES.map((p) => p.name)));
    const right = targets.filter((p) => sameSetting(p.initial, p.expected)).length;
    expect(right).toBe(plan.counts.alreadyRight);
    expect(right / targets.length).toBeGreaterThan(0.25);
    expect(right / targets.length).toBeLessThan(0.35);
  });

  it('expects bystanders to keep their (wrong by the rules) setting', () => {
    const plan = planSoak(planOptions());
    const bystanders = plan.people.filter((p) => p.role === 'bystander');
    expect(bystanders.length).toBeGreaterThan(0);
    for (const person of bystanders) {
      const profile = SOAK_PROFILES.find((p) => p.name === person.profile);
      expect(person.expected).toEqual(person.initial);
      expect(sameSetting(person.initial, profile!.expected)).toBe(false);
    }
  });

  it('writes valid events the handler accepts, about the planned person', () => {
    const plan = planSoak(planOptions());
    const people = new Map(plan.people.map((p) => [p.fixture.id, p]));
    for (const message of plan.messages.filter((m) => m.kind === 'valid')) {
      const parsed = parse(message.bodyAt(NOW));
      expect(parsed.kind).toBe('accepted');
      if (parsed.kind !== 'accepted') continue;
      const person = people.get(message.personId!)!;
      expect(parsed.envelope).toBe(message.envelope);
      expect(parsed.event.eventId).toBe(message.eventId);
      expect(parsed.event.person.email).toBe(person.fixture.emails[0]);
    }
  });

  it('wraps valid events in every envelope', () => {
    const plan = planSoak(planOptions());
    const envelopes = new Set(plan.messages.filter((m) => m.kind === 'valid').map((m) => m.envelope));
    expect(envelopes).toEqual(new Set(['bare', 'sns', 'eventbridge', 'cloudevents']));
  });

  it('repeats valid bodies as duplicates', () => {
    const plan = planSoak(planOptions());
    const validBodies = new Set(plan.messages.filter((m) => m.kind === 'valid').map((m) => m.bodyAt(NOW)));
    for (const duplicate of plan.messages.filter((m) => m.kind === 'duplicate')) {
      expect(validBodies.has(duplicate.bodyAt(NOW))).toBe(true);
    }
  });

  it('writes invalid events the handler rejects as invalid, of every kind', () => {
    const plan = planSoak(planOptions());
    const invalid = plan.messages.filter((m) => m.kind === 'invalid');
    expect(new Set(invalid.map((m) => m.invalidKind)).size).toBe(6);
    for (const message of invalid) {
      expect(() => parse(message.bodyAt(NOW))).toThrow(InvalidEventError);
    }
  });

  it('writes skipped event types the handler acknowledges without acting', () => {
    const plan = planSoak(planOptions());
    for (const message of plan.messages.filter((m) => m.kind === 'skipped-type')) {
      expect(parse(message.bodyAt(NOW))).toMatchObject({ kind: 'skipped', eventType: 'user.deleted' });
    }
  });

  it('dates unknown people window − grace before they are published', () => {
    // Prepare
    const plan = planSoak(planOptions({ notReadyWindowMinutes: 1, notReadyGraceSeconds: 10 }));
    const unknown = plan.messages.find((m) => m.kind === 'unknown-person')!;
    const publishedAt = NOW + 123_000;
    // Act
    const parsed = parse(unknown.bodyAt(publishedAt));
    // Assess
    expect(parsed.kind).toBe('accepted');
    if (parsed.kind === 'accepted') {
      expect(Date.parse(parsed.event.occurredAt!)).toBe(publishedAt - 50_000);
      expect(plan.people.some((p) => p.fixture.id === parsed.event.person.id)).toBe(false);
    }
  });

  it.each([0, -1, 1.5])('refuses %d events', (events) => {
    expect(() => planSoak(planOptions({ events }))).toThrow(RangeError);
  });

  it('still plans a single valid event', () => {
    const plan = planSoak(planOptions({ events: 1 }));
    expect(plan.messages.map((m) => m.kind)).toEqual(['valid']);
  });
});

describe('soakDirectNumber', () => {
  it('is E.164 and stops before it would run out of digits', () => {
    expect(soakDirectNumber(42)).toBe('+16500000042');
    expect(() => soakDirectNumber(10_000_000)).toThrow(RangeError);
  });
});
