/**
 * How event types are compared: after trimming, ignoring ASCII case (`USER.CREATED` and ` User.Updated ` are the
 * `user.created` and `user.updated` a producer meant). Only A–Z fold: the event-source filter (infra/event-filter.ts)
 * spells out every case variant of a prefix, because Lambda's SQS filters have no `equals-ignore-case`, and it must
 * fold exactly as the function does so that it never drops a record the function would act on.
 */

/**
 * The audit's reconcile event (`--fix` publishes it on the source queue). Always handled by the function, whatever
 * `ACCEPTED_EVENT_TYPES` says, so the event-source filter always passes it.
 */
export const RECONCILE_EVENT_TYPE = 'ecbn.reconcile';

/**
 * HR's deletion of a person. Not an accepted type (no ECBN is written for a deleted person), but always handled to
 * reconcile the people pointed at that person as a zone member (docs/member-loss.md), so the filter passes it too.
 */
export const USER_DELETED_EVENT_TYPE = 'user.deleted';

/**
 * The comparable form of an event type: trimmed, A–Z lower-cased.
 *
 * @example
 * foldEventType(' User.Created\t'); // 'user.created'
 */
export function foldEventType(type: string): string {
  return foldAsciiCase(type.trim());
}

/** Lower-cases A–Z only (no locale, no Unicode case mapping). */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * True when `type` is one of `accepted` once both are folded.
 *
 * @example
 * isAcceptedEventType('USER.CREATED', ['user.created']); // true
 */
export function isAcceptedEventType(type: string, accepted: readonly string[]): boolean {
  const folded = foldEventType(type);
  return accepted.some((candidate) => foldEventType(candidate) === folded);
}
