/**
 * The event Secrets Manager sends a rotation function
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html):
 * `{SecretId, ClientRequestToken, Step, RotationToken?}`, Step one of the four steps in order.
 */
import * as z from 'zod';
import { InvalidEventError } from '../errors.js';
import { formatInputIssues, inputIssuesOf, terseErrorMap } from '../events/zod-issues.js';

export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

const rotationEventSchema = z.looseObject({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(32).max(64),
  Step: z.enum(ROTATION_STEPS),
});

export type RotationEvent = z.infer<typeof rotationEventSchema>;

/**
 * @example
 * parseRotationEvent({ SecretId: 'arn:…', ClientRequestToken: '…uuid…', Step: 'createSecret' });
 */
export function parseRotationEvent(event: unknown): RotationEvent {
  const parsed = rotationEventSchema.safeParse(event, { error: terseErrorMap });
  if (!parsed.success) {
    throw new InvalidEventError(`Not a rotation event: ${formatInputIssues(inputIssuesOf(parsed.error)).join('; ')}`);
  }
  return parsed.data;
}
