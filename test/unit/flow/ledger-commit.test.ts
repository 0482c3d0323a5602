import { describe, expect, it } from 'vitest';
import { commitFor, type CommitFacts } from '../../../lambda/flow/ledger-commit.js';
import { testIds } from '../../helpers/rules-factories.js';

const NOW = Date.parse('2026-11-29T10:00:00Z');
const facts = (overrides: Partial<CommitFacts> = {}): CommitFacts => ({
  now: NOW,
  eventAt: NOW - 60_000,
  eventId: 'hr-1',
  eventType: 'user.moved',
  mode: 'hr',
  placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
  email: 'Ana.Lima@Example.com',
  ...overrides,
});
const memberReport = {
  outcome: 'updated' as const,
  wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) },
  reason: 'zone San Jose HQ/B2/3',
  trackingIds: ['T1'],
};

describe('commitFor', () => {
  it('moves watermark, placement, decision and member pointer for an applied HR event', () => {
    const commit = commitFor(memberReport, facts());
    expect(commit).toMatchObject({
      newest: { at: NOW - 60_000, eventId: 'hr-1', eventType: 'user.moved' },
      placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
      decision: { wanted: memberReport.wanted, outcome: 'updated', trackingIds: ['T1'], eventId: 'hr-1' },
      memberKey: `PLACE/${'00000000-0000-4000-8000-a00000000001'}`,
      email: 'ana.lima@example.com',
      history: { eventId: 'hr-1', outcome: 'updated', eventAt: NOW - 60_000 },
    });
  });

  it('removes the member pointer when the ECBN no longer points at a member', () => {
    const commit = commitFor({ ...memberReport, wanted: { selected: 'LOCATION_ECBN' } }, facts());
    expect(commit.memberKey).toBeNull();
  });

  it.each([
    ['a stale event', { ...memberReport, outcome: 'stale' as const, wanted: undefined }, facts()],
    ['a deferred event', { ...memberReport, outcome: 'deferred' as const, errorClass: 'transient' as const }, facts()],
    ['a dry run', { ...memberReport, outcome: 'would-update' as const }, facts({ mode: 'history-only' })],
    [
      'a dry run that found Webex right',
      { ...memberReport, outcome: 'unchanged' as const },
      facts({ mode: 'history-only' }),
    ],
  ])('writes only history for %s', (_name, report, commitFacts) => {
    const commit = commitFor(report, commitFacts);
    expect(Object.keys(commit)).toEqual(['history']);
    expect(commit.history.outcome).toBe(report.outcome);
  });

  it('records a reconcile decision without moving the watermark or the placement', () => {
    const commit = commitFor(memberReport, facts({ mode: 'reconcile', eventType: 'ecbn.reconcile' }));
    expect(commit.decision).toBeDefined();
    expect(commit.newest).toBeUndefined();
    expect(commit.placement).toBeUndefined();
  });
});
