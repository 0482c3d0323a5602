/** The person ledger: memory of what each person's newest event was, where they sit, and what was done. */
export * from './types.js';
export {
  RECONCILE_EVENT_TYPE,
  effectiveWorkplace,
  placementOf,
  staleReason,
  type WorkplaceSource,
} from './ordering.js';
export { HISTORY_RETENTION_DAYS, nextHistory } from './history.js';
export { EMAIL_INDEX, LEDGER_KEYS, MEMBER_INDEX, personPk } from './item.js';
export {
  LEDGER_BUSY_DEFER_SECONDS,
  createDynamoLedger,
  type DynamoLedger,
  type DynamoLedgerOptions,
} from './dynamo-ledger.js';
