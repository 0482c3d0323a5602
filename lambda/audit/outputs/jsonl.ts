/** JSON Lines of the audit: one record per line, fields in {@link AUDIT_RECORD_FIELDS} order. */
import { AUDIT_RECORD_FIELDS, type AuditRecord } from '../report-record.js';

/**
 * @example
 * jsonlLine(record); // '{"personId":"…","email":"…",…}\n'
 */
export function jsonlLine(record: AuditRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const field of AUDIT_RECORD_FIELDS) {
    if (record[field] !== undefined) ordered[field] = record[field];
  }
  return `${JSON.stringify(ordered)}\n`;
}
