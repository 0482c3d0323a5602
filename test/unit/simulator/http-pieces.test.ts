import { describe, expect, it } from 'vitest';
import { bearerToken, mayManageOrg, TokenRegistry } from '../../../local/webex-simulator/auth.js';
import { isPaging, page, parsePaging } from '../../../local/webex-simulator/pagination.js';
import { loggableQuery } from '../../../local/webex-simulator/request-log.js';
import { matchRoute } from '../../../local/webex-simulator/routes/index.js';
import { responseTrackingId } from '../../../local/webex-simulator/tracking-id.js';
import { encodeWebexId } from '../../../lambda/webex/ids.js';

describe('responseTrackingId', () => {
  it('echoes the TrackingID the client sent', () => {
    expect(responseTrackingId('ECBNP_0f3c2a7e-1111-4222-8333-944455556666')).toBe(
      'ECBNP_0f3c2a7e-1111-4222-8333-944455556666',
    );
  });

  it.each([undefined, '', 'has spaces in it', 'x'.repeat(201)])('generates ROUTERGW_<uuid> for %j', (sent) => {
    expect(responseTrackingId(sent)).toMatch(/^ROUTERGW_[0-9a-f-]{36}$/);
  });
});

describe('bearerToken / TokenRegistry', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it('forgets a revoked token and lets a token manage its own org by default', () => {
    // Prepare
    const orgId = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-000000000001');
    const registry = new TokenRegistry(orgId);
    registry.add({ token: 't1', scopes: ['s'] });

    // Act
    const before = registry.authenticate('Bearer t1');
    registry.revoke('t1');

    // Assess
    expect(
      before && mayManageOrg(before, encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-000000000001', 'eu')),
    ).toBe(true);
    expect(registry.authenticate('Bearer t1')).toBeUndefined();
  });
});

describe('paging', () => {
  const url = new URL('http://127.0.0.1:1/v1/list?phoneNumber=%2B1555&max=2');

  it.each([
    { query: '', expected: { start: 0, max: 2000 } },
    { query: 'max=2&start=4', expected: { start: 4, max: 2 } },
    { query: 'max=99999', expected: { start: 0, max: 2000 } },
  ])('reads "$query" as $expected', ({ query, expected }) => {
    expect(parsePaging(new URLSearchParams(query), { defaultMax: 2000, cap: 2000 })).toEqual(expected);
  });

  it.each(['max=0', 'max=-1', 'max=abc', 'start=1.5'])('answers 400 for %s', (query) => {
    const paging = parsePaging(new URLSearchParams(query), { defaultMax: 2000, cap: 2000 });
    expect(isPaging(paging)).toBe(false);
    expect(paging).toMatchObject({ status: 400 });
  });

  it('links the next page with the filters kept and start moved on', () => {
    // Act
    const first = page([1, 2, 3, 4, 5], { start: 0, max: 2 }, url);
    const last = page([1, 2, 3, 4, 5], { start: 4, max: 2 }, url);

    // Assess
    expect(first).toEqual({
      items: [1, 2],
      link: '<http://127.0.0.1:1/v1/list?phoneNumber=%2B1555&max=2&start=2>; rel="next"',
    });
    expect(last).toEqual({ items: [5] });
  });
});

describe('matchRoute', () => {
  it.each([
    ['GET', '/people', 'found', '/people'],
    ['GET', '/people/abc', 'found', '/people/{personId}'],
    [
      'PUT',
      '/telephony/config/people/abc/emergencyCallbackNumber',
      'found',
      '/telephony/config/people/{personId}/emergencyCallbackNumber',
    ],
    [
      'GET',
      '/telephony/config/people/abc/emergencyCallbackNumber/availableNumbers',
      'found',
      '/telephony/config/people/{personId}/emergencyCallbackNumber/availableNumbers',
    ],
    ['DELETE', '/people/abc', 'method-not-allowed', undefined],
    ['GET', '/telephony/config/people/abc', 'not-found', undefined],
  ])('%s %s → %s', (method, path, kind, template) => {
    const match = matchRoute(method, path);
    expect(match.kind).toBe(kind);
    if (match.kind === 'found') expect(match.route.template).toBe(template);
  });
});

describe('loggableQuery', () => {
  it('redacts keys that look secret', () => {
    expect(loggableQuery(new URLSearchParams('email=a%40b.c&access_token=xyz'))).toEqual({
      email: 'a@b.c',
      access_token: '[REDACTED]',
    });
  });
});
