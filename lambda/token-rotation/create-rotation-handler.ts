/**
 * The rotation function's handler: parses the event, runs the step (`rotate-webex-token.ts`), then reports:
 * one log line per step (secret name, step, outcome or error: never a token), `TokenRotationFailed` on a failed
 * step, `TokenRotationSucceeded` when finishSecret moved AWSCURRENT, and, after every step, the seconds left on the
 * AWSCURRENT access and refresh tokens (the expiry alarms watch those; a rotation that keeps failing still emits them).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describeError } from '../errors.js';
import { parseRotationEvent } from './rotation-event.js';
import {
  ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  TOKEN_ROTATION_FAILED_METRIC,
  TOKEN_ROTATION_SUCCEEDED_METRIC,
} from './rotation-metrics.js';
import { readOAuth, rotateWebexToken, type RotationDependencies } from './rotate-webex-token.js';

export interface RotationHandlerDependencies extends RotationDependencies {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export type RotationHandler = (event: unknown) => Promise<void>;

/**
 * @example
 * export const handler = createRotationHandler({ secretsManager, webexApiBaseUrl, now: Date.now, logger, metrics });
 */
export function createRotationHandler(deps: RotationHandlerDependencies): RotationHandler {
  const { logger, metrics } = deps;
  return async (rawEvent) => {
    const event = parseRotationEvent(rawEvent);
    const fields = { secretId: event.SecretId, step: event.Step, clientRequestToken: event.ClientRequestToken };
    try {
      const outcome = await rotateWebexToken(event, deps);
      logger.info('Webex token rotation step done', { ...fields, outcome });
      if (outcome === 'current-moved') metrics.addMetric(TOKEN_ROTATION_SUCCEEDED_METRIC, 'Count', 1);
    } catch (error) {
      logger.error('Webex token rotation step failed: AWSCURRENT is unchanged', {
        ...fields,
        error: describeError(error),
      });
      metrics.addMetric(TOKEN_ROTATION_FAILED_METRIC, 'Count', 1);
      throw error;
    } finally {
      await reportExpiries(event.SecretId, deps);
      metrics.publishStoredMetrics();
    }
  };
}

/** Seconds left on the AWSCURRENT tokens; a secret that cannot be read is already reported by the step. */
async function reportExpiries(secretId: string, deps: RotationHandlerDependencies): Promise<void> {
  try {
    const current = await readOAuth(deps.secretsManager as SecretsManagerClient, secretId, {
      VersionStage: 'AWSCURRENT',
    });
    const secondsTo = (iso: string) => Math.floor((Date.parse(iso) - deps.now()) / 1000);
    deps.metrics.addMetric(ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC, 'Seconds', secondsTo(current.expiresAt));
    deps.metrics.addMetric(REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC, 'Seconds', secondsTo(current.refreshTokenExpiresAt));
  } catch (error) {
    deps.logger.warn('Webex token expiries not reported', { secretId, error: describeError(error) });
  }
}
