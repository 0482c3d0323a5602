/**
 * Adapts Powertools `Logger` (variadic extra input) to the small `StructuredLogger` the flow and the Webex client
 * depend on, so those modules stay free of the Powertools types and tests can pass a plain recorder.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { StructuredLogger } from '../flow/process-record.js';

/**
 * @example
 * const log = structuredLogger(new Logger({ serviceName: 'ecbn-provisioner' }));
 * log.info('ECBN record', { eventId: 'hr-1' });
 */
export function structuredLogger(logger: Logger): StructuredLogger & {
  debug(message: string, fields?: Record<string, unknown>): void;
} {
  return {
    info: (message, fields) => (fields ? logger.info(message, fields) : logger.info(message)),
    warn: (message, fields) => (fields ? logger.warn(message, fields) : logger.warn(message)),
    error: (message, fields) => (fields ? logger.error(message, fields) : logger.error(message)),
    debug: (message, fields) => (fields ? logger.debug(message, fields) : logger.debug(message)),
  };
}
