/**
 * The optional knobs `DEFER_BASE_SECONDS`, `DEFER_CAP_SECONDS` (queue deferral backoff) and `WEBEX_TIMEOUT_MS` (per
 * request timeout): production defaults unchanged, lowered by local soak runs.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambda/config.js';
import { ConfigurationVariableError } from '../../../lambda/errors.js';
import { DEFAULT_BACKOFF } from '../../../lambda/failures/backoff.js';
import { DEFAULT_TIMEOUT_MS } from '../../../lambda/webex/client.js';

const validEnv = (overrides: Record<string, string | undefined> = {}) => ({
  WEBEX_TOKEN_SECRET_ID: 'ecbn/webex-token',
  SOURCE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding-dlq',
  LEDGER_TABLE_NAME: 'ecbn-provisioner-ledger',
  ...overrides,
});

describe('configuration: deferral backoff and Webex timeout', () => {
  it('keeps the production backoff (10 s base, 15 min cap) and the client timeout (10 s) by default', () => {
    // Act
    const config = loadConfig(validEnv());
    // Assess
    expect(config.deferBackoff).toEqual({ baseSeconds: 10, capSeconds: 900 });
    expect(config.deferBackoff).toEqual(DEFAULT_BACKOFF);
    expect(config.webexTimeoutMs).toBe(10_000);
    expect(config.webexTimeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it('reads a shorter backoff and timeout for local soak runs', () => {
    // Act
    const config = loadConfig(validEnv({ DEFER_BASE_SECONDS: '1', DEFER_CAP_SECONDS: '4', WEBEX_TIMEOUT_MS: '1500' }));
    // Assess
    expect(config.deferBackoff).toEqual({ baseSeconds: 1, capSeconds: 4 });
    expect(config.webexTimeoutMs).toBe(1_500);
  });

  it('accepts a cap equal to the base (a constant delay)', () => {
    const config = loadConfig(validEnv({ DEFER_BASE_SECONDS: '5', DEFER_CAP_SECONDS: '5' }));
    expect(config.deferBackoff).toEqual({ baseSeconds: 5, capSeconds: 5 });
  });

  it.each([
    ['DEFER_BASE_SECONDS', { DEFER_BASE_SECONDS: '0' }, 'a zero base would retry in a tight loop'],
    ['DEFER_BASE_SECONDS', { DEFER_BASE_SECONDS: '1.5' }, 'SQS visibility is whole seconds'],
    ['DEFER_BASE_SECONDS', { DEFER_BASE_SECONDS: 'soon' }, 'not a number'],
    ['DEFER_CAP_SECONDS', { DEFER_CAP_SECONDS: '43201' }, 'above the SQS 12-hour visibility maximum'],
    ['DEFER_CAP_SECONDS', { DEFER_BASE_SECONDS: '30', DEFER_CAP_SECONDS: '10' }, 'a cap below the base'],
    ['WEBEX_TIMEOUT_MS', { WEBEX_TIMEOUT_MS: '50' }, 'too short for any real answer'],
    ['WEBEX_TIMEOUT_MS', { WEBEX_TIMEOUT_MS: '-1' }, 'negative'],
    ['WEBEX_TIMEOUT_MS', { WEBEX_TIMEOUT_MS: '300001' }, 'longer than any Lambda could wait usefully'],
  ])('fails fast naming %s (%#: %s)', (name, overrides, _why) => {
    // Act
    const attempt = () => loadConfig(validEnv(overrides));
    // Assess
    expect(attempt).toThrow(ConfigurationVariableError);
    expect(attempt).toThrow(name);
  });
});
