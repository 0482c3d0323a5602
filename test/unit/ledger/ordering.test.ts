import { describe, expect, it } from 'vitest';
import { effectiveWorkplace, staleReason } from '../../../lambda/ledger/ordering.js';
import { otherEncodingOf, testIds } from '../../helpers/rules-factories.js';

const T = Date.parse('2026-11-29T10:00:00Z');
const applied = { at: T, eventId: 'hr-b', eventType: 'user.moved' };

describe('staleReason: the newest event wins', () => {
  it.each([
    ['nothing applied yet', undefined, { at: T - 1, eventId: 'hr-a', eventType: 'user.created' }, false],
    ['an older HR event', applied, { at: T - 3_600_000, eventId: 'hr-z', eventType: 'user.moved' }, true],
    ['a newer HR event', applied, { at: T + 1, eventId: 'hr-a', eventType: 'user.updated' }, false],
    ['the same time, a smaller event id', applied, { at: T, eventId: 'hr-a', eventType: 'user.moved' }, true],
    ['the same time, a greater event id', applied, { at: T, eventId: 'hr-c', eventType: 'user.moved' }, false],
    ['the same event redelivered', applied, { at: T, eventId: 'hr-b', eventType: 'user.moved' }, false],
    [
      'a reconcile older than the HR event',
      applied,
      { at: T - 1, eventId: 'reconcile-a', eventType: 'ecbn.reconcile' },
      true,
    ],
    ['a reconcile at the same time', applied, { at: T, eventId: 'reconcile-a', eventType: 'ecbn.reconcile' }, false],
    [
      'a reconcile newer than the HR event',
      applied,
      { at: T + 1, eventId: 'reconcile-a', eventType: 'ecbn.reconcile' },
      false,
    ],
  ])('%s → stale: %s', (_name, newest, incoming, stale) => {
    // Act
    const reason = staleReason(newest, incoming);
    // Assess
    expect(reason !== undefined).toBe(stale);
  });

  it('names the event that was applied in its reason', () => {
    expect(staleReason(applied, { at: T - 1, eventId: 'hr-a', eventType: 'user.moved' })).toBe(
      'older than event hr-b (user.moved at 2026-11-29T10:00:00.000Z), already applied',
    );
  });
});

describe('effectiveWorkplace', () => {
  const hq = testIds.location(1);
  const recorded = { locationId: hq, building: 'B2', floor: '3' };

  it.each([
    [
      'the event names a workplace',
      { building: 'B1', floor: '1' },
      recorded,
      hq,
      'event',
      { building: 'B1', floor: '1' },
    ],
    ['the event has none: the recorded one is kept', undefined, recorded, hq, 'ledger', { building: 'B2', floor: '3' }],
    [
      'the recorded location in the other id encoding',
      undefined,
      { ...recorded, locationId: otherEncodingOf(hq) },
      hq,
      'ledger',
      { building: 'B2', floor: '3' },
    ],
    ['the person moved to another location', undefined, recorded, testIds.location(2), 'none', undefined],
    ['an empty workplace clears it', {}, recorded, hq, 'cleared', undefined],
    ['nothing recorded', undefined, undefined, hq, 'none', undefined],
    ['recorded without building or floor', undefined, { locationId: hq }, hq, 'none', undefined],
  ])('%s', (_name, eventWorkplace, placement, locationId, source, workplace) => {
    // Act
    const effective = effectiveWorkplace(eventWorkplace, placement, locationId);
    // Assess
    expect(effective).toEqual({ source, ...(workplace === undefined ? {} : { workplace }) });
  });
});
