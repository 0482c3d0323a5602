/**
 * `webexIdKey` with a bounded memo: the simulator looks the same few ids up on every request, and decoding base64 was
 * most of its CPU time with thousands of people (soak, bench).
 */
import { webexIdKey } from '../../lambda/webex/ids.js';

const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/**
 * @example
 * idKey(encodeWebexId('PLACE', uuid)) === idKey(encodeWebexId('PLACE', uuid, 'urn:TEAM:us-east-1_int13')); // true
 */
export function idKey(id: string): string {
  let key = memo.get(id);
  if (key === undefined) {
    key = webexIdKey(id);
    // Request paths can carry any string: never let the memo grow without bound.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(id, key);
  }
  return key;
}
