/**
 * `TrackingID` of an answer: Webex echoes the client's `TrackingID` request header, else generates `ROUTERGW_<uuid>`
 * (reference §3). Generated with crypto, not the injected `random`, so tracking ids never shift a seeded fault sequence.
 */
import { randomUUID } from 'node:crypto';

const SAFE_TRACKING_ID = /^[\w.:-]{1,200}$/;

/**
 * @example
 * responseTrackingId('ECBNP_1b4e…'); // 'ECBNP_1b4e…'
 * responseTrackingId(undefined); // 'ROUTERGW_9f0c…'
 */
export function responseTrackingId(requested: string | string[] | undefined): string {
  const value = Array.isArray(requested) ? requested[0] : requested;
  if (value !== undefined && SAFE_TRACKING_ID.test(value)) return value;
  return `ROUTERGW_${randomUUID()}`;
}
