/**
 * The audit's report record: one per person, with exactly these fields (other tools read them; issue 11 §1).
 *
 * ```json
 * { "personId": "…", "email": "ana@example.com", "locationId": "…", "placement": { "building": "B2", "floor": "3" },
 *   "status": "drift", "current": { "selected": "NONE" }, "wanted": { "selected": "LOCATION_ECBN" },
 *   "reason": "location-default" }
 * ```
 *
 * `status`: `compliant` (the decision keeps the setting), `drift` (the decision would change it), `attention` (no
 * valid option, or the person could not be read), `not-calling` (no Webex Calling location: skipped, nothing read).
 */
import * as z from 'zod';

export const AUDIT_STATUS = ['compliant', 'drift', 'attention', 'not-calling'] as const;
export type AuditStatus = (typeof AUDIT_STATUS)[number];

/** `current.selected` of a person whose ECBN was not read (not-calling, or the read failed). */
export const NOT_READ = 'NOT_READ';

const setting = z.strictObject({ selected: z.string().min(1), locationMemberId: z.string().min(1).optional() });

/** The record as JSON Lines carry it; tools reading a report parse each line with it. */
export const auditRecordSchema = z.strictObject({
  personId: z.string().min(1),
  email: z.string(),
  locationId: z.string().nullable(),
  placement: z.strictObject({ building: z.string(), floor: z.string() }).nullable(),
  status: z.enum(AUDIT_STATUS),
  current: setting,
  wanted: setting.nullable(),
  reason: z.string(),
  attention: z.string().optional(),
});

export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditSetting = z.infer<typeof setting>;

/** The fields, in the order JSON Lines and CSV write them. */
export const AUDIT_RECORD_FIELDS = [
  'personId',
  'email',
  'locationId',
  'placement',
  'status',
  'current',
  'wanted',
  'reason',
  'attention',
] as const satisfies readonly (keyof AuditRecord)[];

/**
 * A setting as one short text (reports, the rules tool's impact listing).
 *
 * @example
 * describeSetting({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: 'Y2lz…' }); // 'LOCATION_MEMBER_NUMBER Y2lz…'
 */
export function describeSetting(setting: AuditSetting): string {
  return setting.locationMemberId === undefined ? setting.selected : `${setting.selected} ${setting.locationMemberId}`;
}
