/**
 * The slice of the AWS JSON 1.1 protocol the local Secrets Manager speaks: `POST /` with
 * `X-Amz-Target: secretsmanager.<Operation>` and `Content-Type: application/x-amz-json-1.1`; errors as a 4xx/5xx with
 * `x-amzn-ErrorType` and a body `{"__type": "...", "message": "..."}`
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html,
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
 */
import * as z from 'zod';

export const JSON_11_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'secretsmanager.';

/** GetSecretValue's request members; unknown members are ignored, as the service does. */
export const getSecretValueRequestSchema = z.looseObject({
  SecretId: z.string().min(1).max(2048),
  VersionId: z.string().min(32).max(64).optional(),
  VersionStage: z.string().min(1).max(256).optional(),
});
export type GetSecretValueRequest = z.infer<typeof getSecretValueRequestSchema>;

const secretId = z.string().min(1).max(2048);
const versionId = z.string().min(32).max(64);
const stage = z.string().min(1).max(256);

/** CreateSecret (API_CreateSecret.html), with a `SecretString` only. */
export const createSecretRequestSchema = z.looseObject({
  Name: z.string().min(1).max(512),
  ClientRequestToken: versionId.optional(),
  SecretString: z.string().min(1).max(65_536),
});

/** DescribeSecret (API_DescribeSecret.html). */
export const describeSecretRequestSchema = z.looseObject({ SecretId: secretId });

/** PutSecretValue (API_PutSecretValue.html); only `SecretString` values (no `SecretBinary`). */
export const putSecretValueRequestSchema = z.looseObject({
  SecretId: secretId,
  ClientRequestToken: versionId.optional(),
  SecretString: z.string().min(1).max(65_536),
  VersionStages: z.array(stage).min(1).max(20).optional(),
});

/** UpdateSecretVersionStage (API_UpdateSecretVersionStage.html). */
export const updateSecretVersionStageRequestSchema = z.looseObject({
  SecretId: secretId,
  VersionStage: stage,
  MoveToVersionId: versionId.optional(),
  RemoveFromVersionId: versionId.optional(),
});

/** An error as the service reports it. Messages name the secret id at most, never a value. */
export interface AwsJsonError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export const awsJsonErrors = {
  unknownOperation: (target: string): AwsJsonError => ({
    status: 400,
    type: 'UnknownOperationException',
    message: `The local Secrets Manager does not implement ${JSON.stringify(target)}`,
  }),
  serialization: (detail: string): AwsJsonError => ({ status: 400, type: 'SerializationException', message: detail }),
  invalidParameter: (detail: string): AwsJsonError => ({
    status: 400,
    type: 'InvalidParameterException',
    message: `You provided an invalid value for a parameter: ${detail}`,
  }),
  secretNotFound: (): AwsJsonError => ({
    status: 400,
    type: 'ResourceNotFoundException',
    message: "Secrets Manager can't find the specified secret.",
  }),
  versionNotFound: (selector: { VersionId?: string | undefined; VersionStage?: string | undefined }): AwsJsonError => ({
    status: 400,
    type: 'ResourceNotFoundException',
    message:
      selector.VersionId === undefined
        ? `Secrets Manager can't find the specified secret value for staging label: ${selector.VersionStage ?? 'AWSCURRENT'}`
        : `Secrets Manager can't find the specified secret value for VersionId: ${selector.VersionId}`,
  }),
  secretExists: (): AwsJsonError => ({
    status: 400,
    type: 'ResourceExistsException',
    message: 'A resource with the ID you requested already exists.',
  }),
  versionExists: (): AwsJsonError => ({
    status: 400,
    type: 'ResourceExistsException',
    message: "You can't modify an existing version, you can only create a new version.",
  }),
  rotationInProgress: (): AwsJsonError => ({
    status: 400,
    type: 'InvalidRequestException',
    message: 'A previous rotation is not complete: AWSPENDING is attached to a version that is not AWSCURRENT.',
  }),
  tooLarge: (): AwsJsonError => ({ status: 413, type: 'SerializationException', message: 'Request body too large' }),
  notFound: (): AwsJsonError => ({
    status: 404,
    type: 'UnknownOperationException',
    message: 'Only POST / is served',
  }),
} as const;

/**
 * Timestamps travel as epoch seconds (a JSON number, fractional) in the AWS JSON protocols.
 *
 * @example
 * toEpochSeconds(new Date(1_500_000_000_123)); // 1500000000.123
 */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
