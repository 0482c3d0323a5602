import { describe, expect, it } from 'vitest';
import { WebexResponseError, classifyError } from '../../../lambda/errors.js';
import { respondJson, respondText } from '../../helpers/fetch-stub.js';
import {
  LOCATION_ID,
  PERSON_ID,
  availableNumberBody,
  dependenciesBody,
  locationEcbnBody,
  personBody,
  personEcbnBody,
} from '../../helpers/webex-bodies.js';
import { createTestClient } from '../../helpers/webex-client-harness.js';

const ECBN_ROUTE = '/telephony/config/people/{personId}/emergencyCallbackNumber';

describe('Webex client response schemas', () => {
  describe('strict mode (tests)', () => {
    it('rejects an unknown field', async () => {
      // Prepare
      const { client } = createTestClient([respondJson({ ...personEcbnBody(), brandNewField: 1 })], {
        schemaMode: 'strict',
      });
      // Act
      const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
      // Assess
      expect(error).toBeInstanceOf(WebexResponseError);
      expect((error as Error).message).toMatch(/brandNewField/);
      expect(classifyError(error)).toBe('permanent');
    });

    it('rejects an unknown enum value', async () => {
      // Prepare
      const { client } = createTestClient([respondJson(personEcbnBody({ selected: 'SATELLITE' }))], {
        schemaMode: 'strict',
      });
      // Act
      const result = client.getPersonEcbn(PERSON_ID);
      // Assess
      await expect(result).rejects.toThrow(/selected: Invalid option/);
    });

    it('accepts the documented shapes of every operation', async () => {
      // Prepare
      const { client } = createTestClient(
        [
          respondJson(personEcbnBody()),
          respondJson(dependenciesBody()),
          respondJson({ phoneNumbers: [availableNumberBody()] }),
          respondJson(locationEcbnBody()),
        ],
        { schemaMode: 'strict' },
      );
      // Act
      const results = [
        await client.getPersonEcbn(PERSON_ID),
        await client.getPersonEcbnDependencies(PERSON_ID),
        await client.listPersonEcbnAvailableNumbers(PERSON_ID),
        await client.getLocationEcbn(LOCATION_ID),
      ];
      // Assess
      expect(results).toEqual([personEcbnBody(), dependenciesBody(), [availableNumberBody()], locationEcbnBody()]);
    });

    it('tolerates the many Person fields it does not model, even in strict mode', async () => {
      // Prepare
      const { client } = createTestClient([respondJson({ ...personBody(), avatar: 'https://x', status: 'active' })], {
        schemaMode: 'strict',
      });
      // Act
      const person = await client.getPerson(PERSON_ID);
      // Assess
      expect(person.locationId).toBe(LOCATION_ID);
    });
  });

  describe('lenient mode (production default)', () => {
    it('accepts an available number without the spec-required fields the product does not read', async () => {
      // Prepare: a real org may leave out isMainNumber, tollFreeNumber, telephonyType, isServiceNumber.
      const {
        isMainNumber: _a,
        tollFreeNumber: _b,
        telephonyType: _c,
        isServiceNumber: _d,
        ...sparse
      } = availableNumberBody();
      const { client, logger } = createTestClient([respondJson({ phoneNumbers: [sparse] })], {
        schemaMode: 'lenient',
      });
      // Act
      const numbers = await client.listPersonEcbnAvailableNumbers(PERSON_ID);
      // Assess
      expect(numbers.map((n) => n.phoneNumber)).toEqual([sparse.phoneNumber]);
      expect(logger.warn).toHaveBeenCalledWith(
        'Webex response drift',
        expect.objectContaining({ issues: expect.any(Array) }),
      );
    });

    it('accepts a location ECBN whose member info has no effectiveValue or quality (none selected)', async () => {
      // Prepare: "effectiveValue … Available only when number is present"; wxc_sdk reads every field as optional.
      const body = locationEcbnBody();
      const sparse = { ...body, locationMemberInfo: { effectiveLevel: 'NONE' } };
      const { client, logger } = createTestClient([respondJson(sparse)], { schemaMode: 'lenient' });
      // Act
      const ecbn = await client.getLocationEcbn(LOCATION_ID);
      // Assess
      expect(ecbn.locationInfo.quality).toBe(body.locationInfo.quality);
      expect(ecbn.locationMemberInfo.quality).toBeUndefined();
      expect(logger.warn).toHaveBeenCalledWith(
        'Webex response drift',
        expect.objectContaining({ issues: expect.any(Array) }),
      );
    });

    it('treats a PUT answered 2xx with an odd body as done (the change was applied)', async () => {
      const { client } = createTestClient([respondText(200, '<html>ok</html>')], { schemaMode: 'lenient' });
      await expect(client.updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_ECBN' })).resolves.toBeUndefined();
    });

    it('returns a body with an unknown field and an unknown enum value, and warns about the drift', async () => {
      // Prepare
      const body = { ...personEcbnBody({ selected: 'SATELLITE' }), brandNewField: 1 };
      const { client, logger } = createTestClient([respondJson(body)], { schemaMode: 'lenient' });
      // Act
      const ecbn = await client.getPersonEcbn(PERSON_ID);
      // Assess
      expect(ecbn.selected).toBe('SATELLITE');
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith('Webex response drift', {
        path: ECBN_ROUTE,
        issues: [
          'selected: Invalid option: expected one of "DIRECT_LINE"|"LOCATION_ECBN"|"LOCATION_MEMBER_NUMBER"|"NONE"',
          '(root): Unrecognized key: "brandNewField"',
        ],
      });
    });

    it('is the default when schemaMode is not given', async () => {
      // Prepare
      const { client } = createTestClient([respondJson({ ...personEcbnBody(), brandNewField: 1 })], {
        schemaMode: undefined,
      });
      // Act
      const result = client.getPersonEcbn(PERSON_ID);
      // Assess
      await expect(result).resolves.toMatchObject({ selected: 'LOCATION_ECBN' });
    });

    it('warns once per route and issue, not on every response', async () => {
      // Prepare
      const drifted = respondJson({ ...personEcbnBody(), brandNewField: 1 });
      const otherDrift = respondJson({ ...personEcbnBody(), anotherField: 2 });
      const { client, logger } = createTestClient([drifted, drifted, otherDrift], { schemaMode: 'lenient' });
      // Act
      await client.getPersonEcbn(PERSON_ID);
      await client.getPersonEcbn(encodeURIComponent('another-person'));
      await client.getPersonEcbn(PERSON_ID);
      // Assess
      expect(logger.warn).toHaveBeenCalledTimes(2);
      expect(logger.warn.mock.calls[1]?.[1]).toEqual({
        path: ECBN_ROUTE,
        issues: [expect.stringMatching(/anotherField/)],
      });
    });

    it('folds array indexes so a drift in many numbers is one issue', async () => {
      // Prepare
      const numbers = [1, 2, 3].map(() => ({ ...availableNumberBody(), state: 'PORTING' }));
      const { client, logger } = createTestClient([respondJson({ phoneNumbers: numbers })], { schemaMode: 'lenient' });
      // Act
      const result = await client.listPersonEcbnAvailableNumbers(PERSON_ID);
      // Assess
      expect(result).toHaveLength(3);
      expect(logger.warn).toHaveBeenCalledWith('Webex response drift', {
        path: '/telephony/config/people/{personId}/emergencyCallbackNumber/availableNumbers',
        issues: [expect.stringMatching(/^phoneNumbers\[\]\.state: /)],
      });
    });

    it.each([
      ['a missing required field', { isLocationEcbnDefault: true, isSelfEcbnDefault: false }, /dependentMemberCount/],
      ['a wrong type', { ...dependenciesBody(), dependentMemberCount: 'two' }, /dependentMemberCount: Invalid input/],
      ['no body at all', undefined, /\(root\)/],
    ])('still rejects %s with WebexResponseError', async (_case, body, message) => {
      // Prepare
      const { client } = createTestClient([respondJson(body)], { schemaMode: 'lenient' });
      // Act
      const result = client.getPersonEcbnDependencies(PERSON_ID);
      // Assess
      await expect(result).rejects.toBeInstanceOf(WebexResponseError);
      await expect(result).rejects.toThrow(message);
    });
  });
});
