/**
 * The state behind the local Secrets Manager: named secrets, each with versions and the staging labels Secrets
 * Manager moves on rotation (https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version):
 *
 * - each label is on at most one version; moving `AWSCURRENT` moves `AWSPREVIOUS` to the version it left
 *   (API_UpdateSecretVersionStage.html, API_PutSecretValue.html);
 * - `PutSecretValue` without `VersionStages` moves `AWSCURRENT` to the new version; with them, it attaches exactly
 *   those; a `ClientRequestToken` that names an existing version with the same value is ignored (idempotent), with
 *   another value it fails (`ResourceExistsException`) (API_PutSecretValue.html);
 * - `UpdateSecretVersionStage` refuses to take a label from a version unless `RemoveFromVersionId` names it
 *   (API_UpdateSecretVersionStage.html);
 * - a rotation starts with a version staged `AWSPENDING` that has no value yet: `GetSecretValue` on it is
 *   `ResourceNotFoundException` until `createSecret` puts one (the checks of AWS's rotation template,
 *   aws-samples/aws-secrets-manager-rotation-lambdas SecretsManagerRotationTemplate); while `AWSPENDING` sits on a
 *   version other than `AWSCURRENT`, a new rotation is refused (API_RotateSecret.html: "assumes that a previous
 *   rotation request is still in progress and returns an error");
 * - `DescribeSecret`'s `VersionIdsToStages` lists only versions with labels (the others are deprecated).
 *
 * INFERRED: `LastRotatedDate` is set when a rotation's `AWSCURRENT` move completes it.
 */
import { randomUUID } from 'node:crypto';
import { LOCAL_AWS_ACCOUNT_ID, LOCAL_AWS_REGION } from '../local-aws-defaults.js';
import { awsJsonErrors, type AwsJsonError } from './json-protocol.js';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';

/** One version of a secret as GetSecretValue returns it. */
export interface SecretVersionView {
  readonly arn: string;
  readonly name: string;
  readonly versionId: string;
  readonly secretString: string;
  readonly versionStages: readonly string[];
  readonly createdDate: Date;
}

/** DescribeSecret's view (the members rotation and `npm run token -- status` read). */
export interface SecretDescription {
  readonly arn: string;
  readonly name: string;
  readonly rotationEnabled: boolean;
  readonly lastRotatedDate: Date | undefined;
  readonly lastChangedDate: Date | undefined;
  readonly versionIdsToStages: Readonly<Record<string, readonly string[]>>;
}

/** Which version to read (GetSecretValue's `VersionId` / `VersionStage`); neither means `AWSCURRENT`. */
export interface VersionSelector {
  readonly versionId?: string | undefined;
  readonly versionStage?: string | undefined;
}

/** Why a lookup found nothing, in Secrets Manager's words. */
export type SecretLookup =
  | { readonly found: true; readonly version: SecretVersionView }
  | { readonly found: false; readonly reason: 'no-such-secret' | 'no-such-version' };

/** The result of a write: a value, or the error the service answers. */
export type StoreOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AwsJsonError };

export interface PutValueRequest {
  readonly secretString: string;
  /** The new version's id; generated when absent (the SDK generates one). */
  readonly clientRequestToken?: string | undefined;
  /** Labels for the new version. @default [AWSCURRENT] */
  readonly versionStages?: readonly string[] | undefined;
}

export interface StageMoveRequest {
  readonly versionStage: string;
  readonly moveToVersionId?: string | undefined;
  readonly removeFromVersionId?: string | undefined;
}

export interface SecretStore {
  /** Creates the secret, or adds a version that becomes `AWSCURRENT` (a rotation by hand). Returns the version id. */
  put(name: string, secretString: string, clientRequestToken?: string): string;
  /** PutSecretValue. */
  putValue(secretId: string, request: PutValueRequest): StoreOutcome<{ versionId: string; versionStages: string[] }>;
  /** UpdateSecretVersionStage. */
  updateVersionStage(secretId: string, request: StageMoveRequest): StoreOutcome<{ arn: string; name: string }>;
  /** DescribeSecret. */
  describe(secretId: string): StoreOutcome<SecretDescription>;
  /**
   * What RotateSecret does before it invokes the rotation function: enables rotation and stages a version without a
   * value as `AWSPENDING` under `clientRequestToken`. Resuming the same token is allowed.
   */
  startRotation(secretId: string, clientRequestToken: string): StoreOutcome<{ arn: string }>;
  /** Looks a secret up by name, full ARN or partial ARN (the ARN without its six-character suffix). */
  get(secretId: string, selector?: VersionSelector): SecretLookup;
  /** The canonical name for a `SecretId`, when the secret exists. */
  resolveName(secretId: string): string | undefined;
}

interface StoredVersion {
  readonly versionId: string;
  /** Absent for the placeholder a rotation starts with. */
  secretString: string | undefined;
  readonly createdDate: Date;
  stages: string[];
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versions: StoredVersion[];
  rotationEnabled: boolean;
  lastRotatedDate: Date | undefined;
  lastChangedDate: Date | undefined;
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

  function create(name: string): StoredSecret {
    const secret: StoredSecret = {
      name,
      arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${newArnSuffix()}`,
      versions: [],
      rotationEnabled: false,
      lastRotatedDate: undefined,
      lastChangedDate: undefined,
    };
    secrets.set(name, secret);
    return secret;
  }

  /** Attaches `stage` to `target`, taking it from whichever version had it; AWSCURRENT drags AWSPREVIOUS along. */
  function attach(secret: StoredSecret, target: StoredVersion, stage: string): void {
    const holder = secret.versions.find((version) => version !== target && version.stages.includes(stage));
    if (holder !== undefined) holder.stages = holder.stages.filter((label) => label !== stage);
    if (!target.stages.includes(stage)) target.stages.push(stage);
    if (stage === AWSCURRENT && holder !== undefined) attach(secret, holder, AWSPREVIOUS);
  }

  function putValue(
    secretId: string,
    request: PutValueRequest,
  ): StoreOutcome<{ versionId: string; versionStages: string[] }> {
    const secret = find(secretId);
    if (secret === undefined) return { ok: false, error: awsJsonErrors.secretNotFound() };
    const versionId = request.clientRequestToken ?? newVersionId();
    const existing = secret.versions.find((version) => version.versionId === versionId);
    if (existing !== undefined && existing.secretString !== undefined) {
      if (existing.secretString !== request.secretString) return { ok: false, error: awsJsonErrors.versionExists() };
      return { ok: true, value: { versionId, versionStages: [...existing.stages] } };
    }
    const version: StoredVersion = existing ?? { versionId, secretString: undefined, createdDate: now(), stages: [] };
    version.secretString = request.secretString;
    if (existing === undefined) secret.versions.push(version);
    // The first version of a secret is always AWSCURRENT.
    const stages = secret.versions.length === 1 ? [AWSCURRENT] : (request.versionStages ?? [AWSCURRENT]);
    for (const stage of stages) attach(secret, version, stage);
    secret.lastChangedDate = now();
    return { ok: true, value: { versionId, versionStages: [...version.stages] } };
  }

  return {
    put(name, secretString, clientRequestToken) {
      const secret = secrets.get(name) ?? create(name);
      const outcome = putValue(secret.name, { secretString, clientRequestToken });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value.versionId;
    },

    putValue,

    updateVersionStage(secretId, { versionStage, moveToVersionId, removeFromVersionId }) {
      const secret = find(secretId);
      if (secret === undefined) return { ok: false, error: awsJsonErrors.secretNotFound() };
      const byId = (id: string | undefined) => secret.versions.find((version) => version.versionId === id);
      const holder = secret.versions.find((version) => version.stages.includes(versionStage));
      if (moveToVersionId === undefined) {
        const from = byId(removeFromVersionId);
        if (from === undefined || !from.stages.includes(versionStage)) {
          return { ok: false, error: awsJsonErrors.invalidParameter('RemoveFromVersionId must hold the label') };
        }
        from.stages = from.stages.filter((label) => label !== versionStage);
        return { ok: true, value: { arn: secret.arn, name: secret.name } };
      }
      const target = byId(moveToVersionId);
      if (target === undefined) {
        return { ok: false, error: awsJsonErrors.versionNotFound({ VersionId: moveToVersionId }) };
      }
      if (holder !== undefined && holder !== target && holder.versionId !== removeFromVersionId) {
        return {
          ok: false,
          error: awsJsonErrors.invalidParameter(
            `${versionStage} is attached to another version: name it in RemoveFromVersionId`,
          ),
        };
      }
      const completesRotation = versionStage === AWSCURRENT && holder !== target && target.stages.includes(AWSPENDING);
      attach(secret, target, versionStage);
      if (completesRotation) secret.lastRotatedDate = now();
      secret.lastChangedDate = now();
      return { ok: true, value: { arn: secret.arn, name: secret.name } };
    },

    describe(secretId) {
      const secret = find(secretId);
      if (secret === undefined) return { ok: false, error: awsJsonErrors.secretNotFound() };
      const versionIdsToStages: Record<string, string[]> = {};
      for (const version of secret.versions) {
        if (version.stages.length > 0) versionIdsToStages[version.versionId] = [...version.stages];
      }
      return {
        ok: true,
        value: {
          arn: secret.arn,
          name: secret.name,
          rotationEnabled: secret.rotationEnabled,
          lastRotatedDate: secret.lastRotatedDate,
          lastChangedDate: secret.lastChangedDate,
          versionIdsToStages,
        },
      };
    },

    startRotation(secretId, clientRequestToken) {
      const secret = find(secretId);
      if (secret === undefined) return { ok: false, error: awsJsonErrors.secretNotFound() };
      const pending = secret.versions.find((version) => version.stages.includes(AWSPENDING));
      if (pending !== undefined && !pending.stages.includes(AWSCURRENT) && pending.versionId !== clientRequestToken) {
        return { ok: false, error: awsJsonErrors.rotationInProgress() };
      }
      secret.rotationEnabled = true;
      let version = secret.versions.find((candidate) => candidate.versionId === clientRequestToken);
      if (version === undefined) {
        version = { versionId: clientRequestToken, secretString: undefined, createdDate: now(), stages: [] };
        secret.versions.push(version);
      }
      // A rotation already finished under this token: its steps will find the version AWSCURRENT and do nothing.
      if (!version.stages.includes(AWSCURRENT)) attach(secret, version, AWSPENDING);
      return { ok: true, value: { arn: secret.arn } };
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
      if (version?.secretString === undefined) return { found: false, reason: 'no-such-version' };
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
