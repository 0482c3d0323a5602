import { describe, expect, it } from 'vitest';
import { canaryToken, countTokenLeaks } from '../../../local/soak/token-leaks.js';

const SECRET = '0123456789abcdef0123456789abcdef0123';
const canary = canaryToken('A', SECRET);

describe('countTokenLeaks', () => {
  it.each([
    ['nothing', 'records processed: 10', 0],
    ['the full token', `token=${canary.token}`, 1],
    ['a bearer header', `{"authorization":"Bearer ${canary.token}"}`, 1],
    ['the secret part without the prefix', `…${SECRET}…`, 1],
    ['the token twice', `${canary.token} and ${canary.token}`, 2],
    ['only the fixed prefix', 'SOAK_CANARY_A_ is the prefix', 0],
  ])('counts %s', (_name, text, count) => {
    expect(countTokenLeaks([canary], { output: text }).total).toBe(count);
  });

  it('reports every source and every token', () => {
    // Prepare
    const other = canaryToken('B', 'fedcba9876543210fedcba9876543210fedc');
    // Act
    const leaks = countTokenLeaks([canary, other], { output: canary.token, dlq: `${other.token}`, reports: '[]' });
    // Assess
    expect(leaks).toEqual({ total: 2, bySource: { output: 1, dlq: 1, reports: 0 } });
  });
});

describe('canaryToken', () => {
  it('refuses a short or non-hex secret part (it would match by accident)', () => {
    expect(() => canaryToken('A', 'abc')).toThrow(RangeError);
    expect(() => canaryToken('A', 'Z'.repeat(30))).toThrow(RangeError);
  });
});
