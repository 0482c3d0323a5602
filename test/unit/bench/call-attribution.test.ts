import { describe, expect, it } from 'vitest';
import {
  attributeCalls,
  callCategory,
  type LoggedCall,
  type ReportedCalls,
} from '../../../local/bench/call-attribution.js';

const GET_PERSON = 'GET /people/{personId}';
const GET_ECBN = 'GET /telephony/config/people/{personId}/emergencyCallbackNumber';
const PUT_ECBN = 'PUT /telephony/config/people/{personId}/emergencyCallbackNumber';

function reportFactory(eventId: string, outcome: ReportedCalls['outcome'], trackingIds: string[]): ReportedCalls {
  return { eventId, messageId: `msg-${eventId}`, outcome, trackingIds };
}

function logFactory(calls: Array<[trackingId: string, route: string]>): LoggedCall[] {
  return calls.map(([trackingId, route]) => ({ trackingId, route }));
}

describe('callCategory', () => {
  it.each([
    { outcome: 'updated', category: 'changed' },
    { outcome: 'fallback-updated', category: 'changed' },
    { outcome: 'unchanged', category: 'unchanged' },
    { outcome: 'skipped', category: 'other' },
    { outcome: 'dead-lettered', category: 'other' },
    { outcome: 'deferred', category: 'other' },
    { outcome: 'would-update', category: 'other' },
  ] as const)('puts $outcome under $category', ({ outcome, category }) => {
    expect(callCategory(outcome)).toBe(category);
  });
});

describe('attributeCalls', () => {
  it('counts each request for the event whose report names its tracking id', () => {
    // Prepare
    const reports = [
      reportFactory('e1', 'updated', ['t1', 't2', 't3']),
      reportFactory('e2', 'unchanged', ['t4', 't5']),
    ];
    const log = logFactory([
      ['t1', GET_PERSON],
      ['t4', GET_PERSON],
      ['t2', GET_ECBN],
      ['t5', GET_ECBN],
      ['t3', PUT_ECBN],
    ]);

    // Act
    const calls = attributeCalls(reports, log);

    // Assess
    expect(calls.changed).toEqual({
      events: 1,
      calls: 3,
      callsPerEvent: 3,
      perEventByRoute: { [GET_PERSON]: 1, [GET_ECBN]: 1, [PUT_ECBN]: 1 },
    });
    expect(calls.unchanged).toMatchObject({ events: 1, calls: 2, callsPerEvent: 2 });
    expect(calls.other).toEqual({ events: 0, calls: 0, callsPerEvent: 0, perEventByRoute: {} });
    expect(calls.unattributedRequests).toBe(0);
  });

  it('counts an event deferred first and updated later once, as changed, with the calls of both attempts', () => {
    // Prepare
    const reports = [reportFactory('e1', 'deferred', ['t1']), reportFactory('e1', 'updated', ['t2', 't3', 't4'])];
    const log = logFactory([
      ['t1', GET_PERSON],
      ['t2', GET_PERSON],
      ['t3', GET_ECBN],
      ['t4', PUT_ECBN],
    ]);

    // Act
    const calls = attributeCalls(reports, log);

    // Assess
    expect(calls.changed).toMatchObject({ events: 1, calls: 4, callsPerEvent: 4 });
    expect(calls.changed.perEventByRoute[GET_PERSON]).toBe(2);
    expect(calls.other.events).toBe(0);
  });

  it('keys events without an event id by their message id', () => {
    // Prepare
    const reports: ReportedCalls[] = [{ messageId: 'm1', outcome: 'dead-lettered', trackingIds: ['t1'] }];

    // Act
    const calls = attributeCalls(reports, logFactory([['t1', GET_PERSON]]));

    // Assess
    expect(calls.other).toMatchObject({ events: 1, calls: 1 });
  });

  it('counts requests nobody reported (e.g. of events outside the run) as unattributed', () => {
    // Act
    const calls = attributeCalls([reportFactory('e1', 'unchanged', ['t1'])], logFactory([['t9', GET_PERSON]]));

    // Assess
    expect(calls.unattributedRequests).toBe(1);
    expect(calls.unchanged).toMatchObject({ events: 1, calls: 0, callsPerEvent: 0 });
  });
});
