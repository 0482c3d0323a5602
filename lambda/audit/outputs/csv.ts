/**
 * CSV of the audit: the record's fields, nested ones flattened with dotted names (`current.selected`), RFC 4180
 * quoting. A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`
 * (OWASP "CSV Injection"): the report is meant to be opened by admins.
 */
import type { AuditRecord } from '../report-record.js';

export const AUDIT_CSV_COLUMNS = [
  'personId',
  'email',
  'locationId',
  'placement.building',
  'placement.floor',
  'status',
  'current.selected',
  'current.locationMemberId',
  'wanted.selected',
  'wanted.locationMemberId',
  'reason',
  'attention',
] as const;

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

/**
 * @example
 * csvRow(record); // 'Y2lz…,ana@example.com,Y2lz…,B2,3,drift,NONE,,LOCATION_ECBN,,location-default,\r\n'
 */
export function csvRow(record: AuditRecord): string {
  const cells = [
    record.personId,
    record.email,
    record.locationId ?? '',
    record.placement?.building ?? '',
    record.placement?.floor ?? '',
    record.status,
    record.current.selected,
    record.current.locationMemberId ?? '',
    record.wanted?.selected ?? '',
    record.wanted?.locationMemberId ?? '',
    record.reason,
    record.attention ?? '',
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
