import { describe, expect, it } from 'vitest';
import { createZoneCandidatesCache } from '../../../lambda/flow/zone-candidates-cache.js';
import type { AvailableNumber } from '../../../lambda/webex/models.js';

const number = (phoneNumber: string): AvailableNumber => ({
  phoneNumber,
  state: 'ACTIVE',
  isMainNumber: false,
  tollFreeNumber: false,
  telephonyType: 'PSTN_NUMBER',
  isServiceNumber: false,
});

describe('zone candidates cache', () => {
  it('serves an entry until its TTL has passed', () => {
    // Prepare
    let now = 0;
    const cache = createZoneCandidatesCache(() => now, 1_000);
    cache.set('loc|member', [number('+14085550134')]);
    // Act / Assess
    now = 999;
    expect(cache.get('loc|member')?.map((n) => n.phoneNumber)).toEqual(['+14085550134']);
    now = 1_000;
    expect(cache.get('loc|member')).toBeUndefined();
  });

  it('forgets an evicted entry at once', () => {
    const cache = createZoneCandidatesCache(() => 0);
    cache.set('k', []);
    cache.evict('k');
    expect(cache.get('k')).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = createZoneCandidatesCache(() => 0, 1_000, 2);
    cache.set('a', []);
    cache.set('b', []);
    cache.set('c', []);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((v) => v !== undefined)).toEqual([false, true, true]);
  });
});
