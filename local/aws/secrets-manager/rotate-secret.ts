/**
 * What Secrets Manager does when a rotation is due (RotateSecret, then the function invoked once per step;
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html), against the
 * local Secrets Manager: stage a valueless `AWSPENDING` version under a new `ClientRequestToken`, then invoke the
 * rotation function with `createSecret`, `setSecret`, `testSecret`, `finishSecret` in order, stopping at the first
 * failure (the pending version stays; the same token can be resumed, as a retried rotation would).
 */
import { randomUUID } from 'node:crypto';
import { ROTATION_STEPS, type RotationStep } from '../../../lambda/token-rotation/rotation-event.js';
import type { LocalSecretsManager } from './start-local-secrets-manager.js';

export type RotationInvoker = (event: {
  SecretId: string;
  ClientRequestToken: string;
  Step: RotationStep;
}) => Promise<unknown>;

export type LocalRotationResult =
  | { readonly ok: true; readonly clientRequestToken: string }
  | {
      readonly ok: false;
      readonly clientRequestToken: string;
      readonly failedStep: RotationStep;
      readonly error: unknown;
    };

/**
 * @example
 * const result = await rotateSecretLocally(secrets, 'ecbn/webex-token', (event) => rotationHandler(event));
 */
export async function rotateSecretLocally(
  secrets: LocalSecretsManager,
  secretName: string,
  invoke: RotationInvoker,
  options: { clientRequestToken?: string } = {},
): Promise<LocalRotationResult> {
  const clientRequestToken = options.clientRequestToken ?? randomUUID();
  secrets.startRotation(secretName, clientRequestToken);
  const secretId = secrets.arnOf(secretName);
  for (const step of ROTATION_STEPS) {
    try {
      await invoke({ SecretId: secretId, ClientRequestToken: clientRequestToken, Step: step });
    } catch (error) {
      return { ok: false, clientRequestToken, failedStep: step, error };
    }
  }
  return { ok: true, clientRequestToken };
}
