import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_LATE_JOINER, scriptLateJoiner } from '../../../local/start/demo-scenario.js';
import { OrgState } from '../../../local/webex-simulator/org-state.js';
import { demoOrg } from '../../helpers/simulator-org.js';
import { reportFactory } from './factories.js';

function setup() {
  const state = new OrgState(demoOrg());
  const lines: string[] = [];
  const script = scriptLateJoiner({
    state,
    joiner: DEMO_LATE_JOINER,
    delayMs: 2_500,
    out: (line) => lines.push(line),
    timeLabel: () => '+3.0s',
  });
  const frank = () => state.personByEmail(DEMO_LATE_JOINER.email);
  return { state, lines, script, frank };
}

describe('scriptLateJoiner (Frank gets his calling licence after HR’s event)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes Frank ready a while after his event is first deferred, and says so', async () => {
    // Prepare
    vi.useFakeTimers();
    const { lines, script, frank } = setup();
    // Act
    script.onReport(reportFactory({ eventId: DEMO_LATE_JOINER.eventId, outcome: 'deferred' }));
    await vi.advanceTimersByTimeAsync(2_499);
    const before = frank()?.locationId;
    await vi.advanceTimersByTimeAsync(1);
    // Assess
    expect(before).toBeUndefined();
    expect(frank()).toMatchObject({ locationId: DEMO_LATE_JOINER.patch.locationId, extension: '2206' });
    expect(script.madeReady).toBe(true);
    expect(lines).toEqual([
      '          … waiting for Frank: HR was faster than the calling licence',
      '   +3.0s  [Webex admin] Frank Lee gets a calling licence: San Jose HQ, extension 2206',
    ]);
  });

  it('does nothing for other events, or for Frank’s event before it is deferred', async () => {
    // Prepare
    vi.useFakeTimers();
    const { script, frank } = setup();
    // Act
    script.onReport(reportFactory({ eventId: 'hr-demo-bob-0001', outcome: 'deferred' }));
    script.onReport(reportFactory({ eventId: DEMO_LATE_JOINER.eventId, outcome: 'dead-lettered' }));
    await vi.runAllTimersAsync();
    // Assess
    expect(frank()?.locationId).toBeUndefined();
    expect(script.madeReady).toBe(false);
  });

  it('arms once, however often Frank is deferred', async () => {
    // Prepare
    vi.useFakeTimers();
    const { lines, script } = setup();
    const deferred = reportFactory({ eventId: DEMO_LATE_JOINER.eventId, outcome: 'deferred' });
    // Act
    script.onReport(deferred);
    script.onReport(deferred);
    await vi.runAllTimersAsync();
    // Assess
    expect(lines.filter((line) => line.includes('waiting for Frank'))).toHaveLength(1);
  });

  it('leaves no timer behind when disposed before the licence arrives', () => {
    // Prepare
    vi.useFakeTimers();
    const { script, frank } = setup();
    script.onReport(reportFactory({ eventId: DEMO_LATE_JOINER.eventId, outcome: 'deferred' }));
    // Act
    script.dispose();
    // Assess
    expect(vi.getTimerCount()).toBe(0);
    expect(frank()?.locationId).toBeUndefined();
  });
});
