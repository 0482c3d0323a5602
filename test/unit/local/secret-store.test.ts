import { describe, expect, it } from 'vitest';
import { createSecretStore, type SecretStoreDependencies } from '../../../local/aws/secrets-manager/secret-store.js';

function storeFactory(overrides: SecretStoreDependencies = {}) {
  let versions = 0;
  return createSecretStore({
    now: () => new Date('2026-11-29T10:00:00.000Z'),
    newVersionId: () => `00000000-0000-4000-8000-${String((versions += 1)).padStart(12, '0')}`,
    newArnSuffix: () => 'AbC123',
    ...overrides,
  });
}

const versionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('createSecretStore', () => {
  it('stores a first version as AWSCURRENT with an ARN carrying a six-character suffix', () => {
    // Prepare
    const store = storeFactory();

    // Act
    store.put('ecbn/token', 'v1');
    const lookup = store.get('ecbn/token');

    // Assess
    expect(lookup).toEqual({
      found: true,
      version: {
        arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:ecbn/token-AbC123',
        name: 'ecbn/token',
        versionId: versionId(1),
        secretString: 'v1',
        versionStages: ['AWSCURRENT'],
        createdDate: new Date('2026-11-29T10:00:00.000Z'),
      },
    });
  });

  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the replaced one on rotation', () => {
    // Prepare
    const store = storeFactory();
    store.put('ecbn/token', 'v1');
    store.put('ecbn/token', 'v2');

    // Act
    store.put('ecbn/token', 'v3');

    // Assess
    expect(store.get('ecbn/token')).toMatchObject({ version: { secretString: 'v3', versionStages: ['AWSCURRENT'] } });
    expect(store.get('ecbn/token', { versionStage: 'AWSPREVIOUS' })).toMatchObject({
      version: { secretString: 'v2', versionStages: ['AWSPREVIOUS'] },
    });
    expect(store.get('ecbn/token', { versionId: versionId(1) })).toMatchObject({
      version: { secretString: 'v1', versionStages: [] },
    });
  });

  it.each([
    { case: 'its name', secretId: 'ecbn/token', found: true },
    {
      case: 'its full ARN',
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:ecbn/token-AbC123',
      found: true,
    },
    {
      case: 'its partial ARN',
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:ecbn/token',
      found: true,
    },
    { case: 'another name', secretId: 'ecbn/other', found: false },
    {
      case: 'an ARN with a wrong suffix',
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:ecbn/token-XyZ789',
      found: false,
    },
  ])('looks a secret up by $case', ({ secretId, found }) => {
    // Prepare
    const store = storeFactory();
    store.put('ecbn/token', 'v1');

    // Act
    const lookup = store.get(secretId);

    // Assess
    expect(lookup.found).toBe(found);
    expect(store.resolveName(secretId)).toBe(found ? 'ecbn/token' : undefined);
  });

  it.each([
    { case: 'an unknown version id', selector: { versionId: versionId(99) } },
    { case: 'a stage no version has', selector: { versionStage: 'AWSPENDING' } },
    {
      case: 'a version id whose version lacks the asked stage',
      selector: { versionId: versionId(1), versionStage: 'AWSPREVIOUS' },
    },
  ])('reports no-such-version for $case', ({ selector }) => {
    // Prepare
    const store = storeFactory();
    store.put('ecbn/token', 'v1');

    // Act
    const lookup = store.get('ecbn/token', selector);

    // Assess
    expect(lookup).toEqual({ found: false, reason: 'no-such-version' });
  });

  it('reports no-such-secret for an unknown secret', () => {
    // Prepare
    const store = storeFactory();

    // Act / Assess
    expect(store.get('nothing')).toEqual({ found: false, reason: 'no-such-secret' });
  });
});
