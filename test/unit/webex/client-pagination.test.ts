import { describe, expect, it } from 'vitest';
import { WebexResponseError, classifyError } from '../../../lambda/errors.js';
import { respondJson } from '../../helpers/fetch-stub.js';
import { PERSON_ID, availableNumbersPage } from '../../helpers/webex-bodies.js';
import { createTestClient } from '../../helpers/webex-client-harness.js';

const LIST_URL = `https://webexapis.com/v1/telephony/config/people/${PERSON_ID}/emergencyCallbackNumber/availableNumbers`;

function nextLink(url: string): { headers: Record<string, string> } {
  return { headers: { Link: `<${url}>; rel="next"` } };
}

describe('Webex client pagination (availableNumbers)', () => {
  it('follows Link rel="next" across three pages and returns every number in order', async () => {
    // Prepare
    const page2 = `${LIST_URL}?ownerName=Lobby&max=2&start=2`;
    const page3 = `${LIST_URL}?ownerName=Lobby&max=2&start=4`;
    const { client, stub } = createTestClient([
      respondJson(availableNumbersPage(2, 1000), nextLink(page2)),
      respondJson(availableNumbersPage(2, 2000), nextLink(page3)),
      respondJson(availableNumbersPage(1, 3000)),
    ]);
    // Act
    const numbers = await client.listPersonEcbnAvailableNumbers(PERSON_ID, { ownerName: 'Lobby' });
    // Assess
    expect(numbers.map((number) => number.phoneNumber)).toEqual([
      '+14085551000',
      '+14085551001',
      '+14085552000',
      '+14085552001',
      '+14085553000',
    ]);
    expect(stub.requests.map((request) => request.url.href)).toEqual([`${LIST_URL}?ownerName=Lobby`, page2, page3]);
  });

  it('sends the token and a fresh TrackingID on every page', async () => {
    // Prepare
    const { client, stub } = createTestClient([
      respondJson(availableNumbersPage(1, 1000), nextLink(`${LIST_URL}?start=1`)),
      respondJson(availableNumbersPage(1, 2000)),
    ]);
    // Act
    await client.listPersonEcbnAvailableNumbers(PERSON_ID);
    // Assess
    const [first, second] = stub.requests;
    expect(second?.headers.authorization).toBe(first?.headers.authorization);
    expect(second?.headers.trackingid).not.toBe(first?.headers.trackingid);
  });

  it('returns an empty list when the person has no candidates', async () => {
    // Prepare
    const { client } = createTestClient([respondJson({ phoneNumbers: [] })]);
    // Act
    const numbers = await client.listPersonEcbnAvailableNumbers(PERSON_ID);
    // Assess
    expect(numbers).toEqual([]);
  });

  it.each([
    [
      'another host',
      'https://evil.example/v1/telephony/config/people/x/emergencyCallbackNumber/availableNumbers?start=2',
    ],
    ['plain http', LIST_URL.replace('https:', 'http:') + '?start=2'],
    ['another API version path', 'https://webexapis.com/v2/x?start=2'],
  ])('refuses a next link to %s and never sends the token there', async (_case, link) => {
    // Prepare
    const { client, stub } = createTestClient([
      respondJson(availableNumbersPage(1), nextLink(link)),
      respondJson(availableNumbersPage(1)),
    ]);
    // Act
    const result = client.listPersonEcbnAvailableNumbers(PERSON_ID);
    // Assess
    await expect(result).rejects.toBeInstanceOf(WebexResponseError);
    await expect(result).rejects.toThrow(/next-page link leaves/);
    expect(stub.requests).toHaveLength(1);
    expect(classifyError(await result.catch((error: unknown) => error))).toBe('permanent');
  });

  it('stops with an error when a next link repeats a page already read', async () => {
    // Prepare
    const { client, stub } = createTestClient([
      respondJson(availableNumbersPage(1), nextLink(`${LIST_URL}?start=1`)),
      respondJson(availableNumbersPage(1), nextLink(LIST_URL)),
    ]);
    // Act
    const result = client.listPersonEcbnAvailableNumbers(PERSON_ID);
    // Assess
    await expect(result).rejects.toThrow(/page already read/);
    expect(stub.requests).toHaveLength(2);
  });
});
