/**
 * Counts where a secret shows up in what a run produced. A token is searched by its random part, so a full token, a
 * `Bearer …` header or a prefix-stripped copy all count; the fixed prefix alone does not.
 */

/** A canary token: a fixed, recognisable prefix and a random secret part. */
export interface CanaryToken {
  readonly token: string;
  readonly secretPart: string;
}

/**
 * @example
 * const canary = canaryToken('A', randomBytes(18).toString('hex'));
 * canary.token; // 'SOAK_CANARY_A_3f9c…'
 */
export function canaryToken(label: string, randomHex: string): CanaryToken {
  if (!/^[0-9a-f]{24,}$/.test(randomHex)) throw new RangeError('randomHex must be at least 24 lowercase hex digits');
  return { token: `SOAK_CANARY_${label}_${randomHex}`, secretPart: randomHex };
}

/**
 * Occurrences of every token's secret part in every named text.
 *
 * @example
 * countTokenLeaks([canary], { output: capturedText, dlq: JSON.stringify(deadLetters) });
 * // { total: 0, bySource: { output: 0, dlq: 0 } }
 */
export function countTokenLeaks(
  tokens: readonly CanaryToken[],
  sources: Readonly<Record<string, string>>,
): { total: number; bySource: Record<string, number> } {
  const bySource: Record<string, number> = {};
  let total = 0;
  for (const [name, text] of Object.entries(sources)) {
    let count = 0;
    for (const { secretPart } of tokens) count += occurrences(text, secretPart);
    bySource[name] = count;
    total += count;
  }
  return { total, bySource };
}

function occurrences(text: string, needle: string): number {
  if (needle.length === 0) return 0;
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
