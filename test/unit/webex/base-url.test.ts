import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBEX_BASE_URL, pathBelowBase, resolveBaseUrl } from '../../../lambda/webex/base-url.js';

describe('resolveBaseUrl', () => {
  it('defaults to the Webex API', () => {
    expect(resolveBaseUrl().href).toBe(DEFAULT_WEBEX_BASE_URL);
  });

  it.each([
    ['the Webex API with a trailing slash', 'https://webexapis.com/v1/', 'https://webexapis.com/v1'],
    ['the simulator on 127.0.0.1 over http', 'http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787/v1'],
    ['another 127/8 address', 'http://127.10.0.3:9000', 'http://127.10.0.3:9000/'],
    ['localhost over http', 'http://localhost:8787/v1', 'http://localhost:8787/v1'],
    ['IPv6 loopback over http', 'http://[::1]:8787/v1', 'http://[::1]:8787/v1'],
    ['any https host', 'https://webex.example.internal/v1', 'https://webex.example.internal/v1'],
  ])('accepts %s', (_case, input, href) => {
    expect(resolveBaseUrl(input).href).toBe(href);
  });

  it.each([
    ['plain http to the Webex API', 'http://webexapis.com/v1', /must use https:/],
    ['plain http to a private address', 'http://10.0.0.5/v1', /must use https:/],
    ['plain http to a host named like loopback', 'http://127.0.0.1.evil.example/v1', /must use https:/],
    ['another scheme', 'ftp://webexapis.com/v1', /must use https:/],
    ['a relative URL', '/v1', /not an absolute URL/],
    ['credentials', 'https://user:secret@webexapis.com/v1', /must not carry credentials/],
    ['a query', 'https://webexapis.com/v1?orgId=x', /must not have a query/],
  ])('rejects %s with a TypeError', (_case, input, message) => {
    expect(() => resolveBaseUrl(input)).toThrow(TypeError);
    expect(() => resolveBaseUrl(input)).toThrow(message);
  });

  it('does not echo credentials when refusing them', () => {
    expect(() => resolveBaseUrl('https://user:secret@webexapis.com/v1')).not.toThrow(/secret/);
  });
});

describe('pathBelowBase', () => {
  it.each([
    ['https://webexapis.com/v1/people/abc?email=a%40b.c', 'https://webexapis.com/v1', '/people/abc'],
    [
      'https://webexapis.com/v1/telephony/config/people/a%2Fb/emergencyCallbackNumber',
      'https://webexapis.com/v1',
      '/telephony/config/people/a%2Fb/emergencyCallbackNumber',
    ],
    ['http://127.0.0.1:8787/people', 'http://127.0.0.1:8787', '/people'],
  ])('gives the path of %s below %s without the query', (url, base, expected) => {
    expect(pathBelowBase(new URL(url), resolveBaseUrl(base))).toBe(expected);
  });
});
