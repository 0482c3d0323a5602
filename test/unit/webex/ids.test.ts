import { describe, expect, it } from 'vitest';
import { decodeWebexId, encodeWebexId, sameWebexId, webexIdKey } from '../../../lambda/webex/ids.js';

const UUID = '11a3f990-a689-477d-be6b-7120025d8abb';

describe('Webex IDs', () => {
  it('decodes the spec example of a workspace id', () => {
    // Prepare
    const id = 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzExYTNmOTkwLWE2ODktNDc3ZC1iZTZiLTcxMjAwMjVkOGFiYg';
    // Act
    const decoded = decodeWebexId(id);
    // Assess
    expect(decoded).toEqual({ cluster: 'us', type: 'PLACE', uuid: UUID });
  });

  it.each([
    ['the same id', encodeWebexId('PLACE', UUID), encodeWebexId('PLACE', UUID), true],
    [
      'a different cluster encoding',
      encodeWebexId('PLACE', UUID),
      encodeWebexId('PLACE', UUID, 'urn:TEAM:us-east-1_int13'),
      true,
    ],
    ['an upper-case uuid', encodeWebexId('PLACE', UUID), encodeWebexId('PLACE', UUID.toUpperCase()), true],
    [
      'the standard padded base64 form',
      encodeWebexId('PLACE', UUID),
      Buffer.from(`ciscospark://us/PLACE/${UUID}`).toString('base64'),
      true,
    ],
    ['a different type', encodeWebexId('PLACE', UUID), encodeWebexId('PEOPLE', UUID), false],
    ['a different uuid', encodeWebexId('PLACE', UUID), encodeWebexId('PLACE', UUID.replace('a', 'b')), false],
    ['a bare uuid against its encoded form', UUID, encodeWebexId('PEOPLE', UUID), true],
    ['two opaque strings that match', 'abc', 'abc', true],
    ['an undefined side', undefined, 'abc', false],
  ])('compares %s', (_name, a, b, expected) => {
    expect(sameWebexId(a, b)).toBe(expected);
  });

  it('keys differently encoded ids of one entity alike', () => {
    expect(webexIdKey(encodeWebexId('PLACE', UUID, 'urn:TEAM:x'))).toBe(webexIdKey(encodeWebexId('PLACE', UUID)));
  });
});
