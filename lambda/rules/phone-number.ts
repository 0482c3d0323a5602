/**
 * Phone numbers as the rules and Webex write them. Webex answers in E.164 (`+14085550134`), but the spec's own
 * examples also show bare `1816…` numbers, and people write `+1 408 555 0134`: compare only normalised forms.
 */

/** Spaces, hyphens, dots and parentheses people put into numbers. */
const FORMATTING = /[\s\-.()]/g;
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Removes formatting and adds the `+` that bare international numbers (`18164196065`) lack. The result is not
 * guaranteed to be E.164: check with {@link isE164}.
 *
 * @example
 * normalizePhoneNumber('+1 (408) 555-0134'); // '+14085550134'
 * normalizePhoneNumber('18164196065'); // '+18164196065'
 */
export function normalizePhoneNumber(value: string): string {
  const compact = value.replace(FORMATTING, '');
  return /^\d+$/.test(compact) ? `+${compact}` : compact;
}

/** True for `+` and 2–15 digits, the first not 0 (ITU-T E.164). */
export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * True when both name the same number once normalised.
 *
 * @example
 * samePhoneNumber('+1 408 555 0134', '+14085550134'); // true
 */
export function samePhoneNumber(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = normalizePhoneNumber(a);
  return left !== '' && left === normalizePhoneNumber(b);
}
