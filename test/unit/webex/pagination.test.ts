import { describe, expect, it } from 'vitest';
import { parseNextLink, resolveNextPageUrl } from '../../../lambda/webex/pagination.js';

const BASE = new URL('https://webexapis.com/v1');
const PAGE_1 = new URL('https://webexapis.com/v1/telephony/config/people/abc/emergencyCallbackNumber/availableNumbers');

describe('parseNextLink', () => {
  it.each([
    ['a single next link', '<https://webexapis.com/v1/x?start=2>; rel="next"', 'https://webexapis.com/v1/x?start=2'],
    [
      'next among first and prev',
      '<https://webexapis.com/v1/x?start=0>; rel="first", <https://webexapis.com/v1/x?start=4>; rel="next", <https://webexapis.com/v1/x?start=0>; rel="prev"',
      'https://webexapis.com/v1/x?start=4',
    ],
    ['an unquoted rel', '<https://webexapis.com/v1/x?start=2>; rel=next', 'https://webexapis.com/v1/x?start=2'],
    ['an upper-case rel', '<https://webexapis.com/v1/x?start=2>; REL="NEXT"', 'https://webexapis.com/v1/x?start=2'],
    ['several relation types', '<https://webexapis.com/v1/x?s=2>; rel="last next"', 'https://webexapis.com/v1/x?s=2'],
    [
      'a comma inside the URL',
      '<https://webexapis.com/v1/x?phoneNumber=1,2&start=2>; rel="next"',
      'https://webexapis.com/v1/x?phoneNumber=1,2&start=2',
    ],
    [
      'other params before rel',
      '<https://webexapis.com/v1/x?s=2>; title="page 2"; rel="next"',
      'https://webexapis.com/v1/x?s=2',
    ],
    [
      'the People example of the Webex docs',
      '<https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lz>; rel="next"',
      'https://webexapis.com/v1/people?displayName=Harold&max=10&before&after=Y2lz',
    ],
  ])('finds %s', (_case, header, expected) => {
    expect(parseNextLink(header)).toBe(expected);
  });

  it.each([
    ['no header', null],
    ['an empty header', ''],
    ['only a first link', '<https://webexapis.com/v1/x?start=0>; rel="first"'],
    ['a "nextpage" relation', '<https://webexapis.com/v1/x?start=2>; rel="nextpage"'],
    ['garbage', 'next please'],
  ])('finds nothing in %s', (_case, header) => {
    expect(parseNextLink(header)).toBeUndefined();
  });
});

describe('resolveNextPageUrl', () => {
  it('accepts an absolute link on the API origin and keeps its query', () => {
    // Act
    const next = resolveNextPageUrl(`${PAGE_1.href}?start=2000&max=2000`, PAGE_1, BASE);
    // Assess
    expect(next).toEqual({ ok: true, url: new URL(`${PAGE_1.href}?start=2000&max=2000`) });
  });

  it('resolves a relative link against the current page', () => {
    // Act
    const next = resolveNextPageUrl('availableNumbers?start=2', PAGE_1, BASE);
    // Assess
    expect(next.ok && next.url.href).toBe(`${PAGE_1.href}?start=2`);
  });

  it.each([
    ['another host', 'https://evil.example/v1/x?start=2', /leaves the API origin https:\/\/webexapis.com/],
    ['plain http on the same host', 'http://webexapis.com/v1/x?start=2', /leaves the API origin/],
    ['another port', 'https://webexapis.com:8443/v1/x?start=2', /leaves the API origin/],
    ['a look-alike host', 'https://webexapis.com.evil.example/v1/x', /leaves the API origin/],
    ['credentials in the URL', 'https://user:pw@webexapis.com/v1/x', /carries credentials/],
    ['a path outside the base path', 'https://webexapis.com/v2/x', /leaves the API base path \/v1/],
    ['a path that climbs out of the base', 'https://webexapis.com/v1/../admin', /leaves the API base path/],
    ['a protocol-relative link to another host', '//evil.example/v1/x', /leaves the API origin/],
  ])('refuses a link to %s', (_case, link, reason) => {
    // Act
    const next = resolveNextPageUrl(link, PAGE_1, BASE);
    // Assess
    expect(next.ok).toBe(false);
    expect(!next.ok && next.reason).toMatch(reason);
  });

  it('accepts any path on a loopback simulator without a base path', () => {
    // Prepare
    const base = new URL('http://127.0.0.1:8787');
    // Act
    const next = resolveNextPageUrl(
      'http://127.0.0.1:8787/people?after=x',
      new URL('http://127.0.0.1:8787/people'),
      base,
    );
    // Assess
    expect(next.ok).toBe(true);
  });
});
