/**
 * The state behind the local Secrets Manager: named secrets, each with versions and the staging labels Secrets
 * Manager moves on rotation (`AWSCURRENT` to the new version, `AWSPREVIOUS` to the one it replaced;
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version).
 */
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS_ACCOUNT_ID, LOCAL_AWS_REGION } from '../local-aws-defaults.js';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';

/** One version of a secret as GetSecretValue returns it. */
export interface SecretVersionView {
  readonly arn: string;
  readonly name: string;
  readonly versionId: string;
  readonly secretString: string;
  readonly versionStages: readonly string[];
  readonly createdDate: Date;
}

/** Which version to read (GetSecretValue's `VersionId` / `VersionStage`); neither means `AWSCURRENT`. */
export interface VersionSelector {
  readonly versionId?: string;
  readonly versionStage?: string;
}

/** Why a lookup found nothing, in Secrets Manager's words. */
export type SecretLookup =
  | { readonly found: true; readonly version: SecretVersionView }
  | { readonly found: false; readonly reason: 'no-such-secret' | 'no-such-version' };

export interface SecretStore {
  /** Creates the secret, or adds a version that becomes `AWSCURRENT` (rotation). Returns the new version id. */
  put(name: string, secretString: string): string;
  /** Looks a secret up by name, full ARN or partial ARN (the ARN without its six-character suffix). */
  get(secretId: string, selector?: VersionSelector): SecretLookup;
  /** The canonical name for a `SecretId`, when the secret exists. */
  resolveName(secretId: string): string | undefined;
}

interface StoredVersion {
  readonly versionId: string;
  readonly secretString: string;
  readonly createdDate: Date;
  stages: string[];
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versions: StoredVersion[];
}

/** Injectable sources of time and randomness, so tests are deterministic. */
export interface SecretStoreDependencies {
  readonly now?: () => Date;
  readonly newVersionId?: () => string;
  /** Six characters appended to the ARN, as Secrets Manager does. */
  readonly newArnSuffix?: () => string;
  readonly region?: string;
  readonly accountId?: string;
}

/**
 * @example
 * const store = createSecretStore();
 * store.put('webex/token', '{"accessToken":"t1"}');
 * store.put('webex/token', '{"accessToken":"t2"}'); // rotation
 * store.get('webex/token'); // { found: true, version: { secretString: '{"accessToken":"t2"}', … } }
 */
export function createSecretStore(dependencies: SecretStoreDependencies = {}): SecretStore {
  const now = dependencies.now ?? (() => new Date());
  const newVersionId = dependencies.newVersionId ?? randomUUID;
  const newArnSuffix = dependencies.newArnSuffix ?? randomArnSuffix;
  const region = dependencies.region ?? LOCAL_AWS_REGION;
  const accountId = dependencies.accountId ?? LOCAL_AWS_ACCOUNT_ID;
  const secrets = new Map<string, StoredSecret>();

  function find(secretId: string): StoredSecret | undefined {
    const byName = secrets.get(secretId);
    if (byName !== undefined) return byName;
    if (!secretId.startsWith('arn:')) return undefined;
    for (const secret of secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -'-XXXXXX'.length) === secretId) return secret;
    }
    return undefined;
  }

  return {
    put(name, secretString) {
      const versionId = newVersionId();
      let secret = secrets.get(name);
      if (secret === undefined) {
        secret = {
          name,
          arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${newArnSuffix()}`,
          versions: [],
        };
        secrets.set(name, secret);
      }
      for (const version of secret.versions) {
        version.stages = version.stages.filter((stage) => stage !== AWSPREVIOUS);
        if (version.stages.includes(AWSCURRENT)) {
          version.stages = version.stages.filter((stage) => stage !== AWSCURRENT).concat(AWSPREVIOUS);
        }
      }
      secret.versions.push({ versionId, secretString, createdDate: now(), stages: [AWSCURRENT] });
      return versionId;
    },

    get(secretId, selector = {}) {
      const secret = find(secretId);
      if (secret === undefined) return { found: false, reason: 'no-such-secret' };
      // No selector means AWSCURRENT; with both, both must match (as GetSecretValue documents).
      const wantedStage = selector.versionStage ?? (selector.versionId === undefined ? AWSCURRENT : undefined);
      const version = secret.versions.find(
        (candidate) =>
          (selector.versionId === undefined || candidate.versionId === selector.versionId) &&
          (wantedStage === undefined || candidate.stages.includes(wantedStage)),
      );
      if (version === undefined) return { found: false, reason: 'no-such-version' };
      return {
        found: true,
        version: {
          arn: secret.arn,
          name: secret.name,
          versionId: version.versionId,
          secretString: version.secretString,
          versionStages: [...version.stages],
          createdDate: version.createdDate,
        },
      };
    },

    resolveName(secretId) {
      return find(secretId)?.name;
    },
  };
}

function randomArnSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)] ?? 'a').join('');
}
