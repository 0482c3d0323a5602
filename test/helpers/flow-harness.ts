/**
 * Builds `RecordDependencies` for unit tests of the per-record flow: a fake Webex client, recording queue actions,
 * a fixed clock and a recording logger. Override what a test is about.
 */
import { vi } from 'vitest';
import type { QueueActions } from '../../lambda/failures/queue-actions.js';
import type { RecordDependencies, StructuredLogger } from '../../lambda/flow/process-record.js';
import { createRateGate } from '../../lambda/flow/rate-gate.js';
import { createZoneCandidatesCache } from '../../lambda/flow/zone-candidates-cache.js';
import { createMemberLossWindow } from '../../lambda/flow/member-loss.js';
import { createTokenHolder } from '../../lambda/token/token-holder.js';
import type { WebexPerson } from '../../lambda/webex/models.js';
import { memoryLedger, type MemoryLedger } from './memory-ledger.js';
import { fakeWebexClient, type FakeWebexClient, type FakeWebexScript } from './fake-webex-client.js';
import { rulesFactory, testIds } from './rules-factories.js';

export const FLOW_NOW = Date.parse('2026-11-29T09:15:00Z');

/** A Webex Calling person at `testIds.location(1)`, extension only unless `directNumber` is given. */
export function webexPersonFactory(overrides: Partial<WebexPerson> & { directNumber?: string } = {}): WebexPerson {
  const { directNumber, ...fields } = overrides;
  return {
    id: testIds.person(1),
    emails: ['ana.lima@example.com'],
    displayName: 'Ana Lima',
    firstName: 'Ana',
    lastName: 'Lima',
    orgId: testIds.org(1),
    locationId: testIds.location(1),
    extension: '2201',
    phoneNumbers: [
      { type: 'work_extension', value: '81002201', primary: !directNumber },
      ...(directNumber ? [{ type: 'work' as const, value: directNumber, primary: true }] : []),
    ],
    ...fields,
  };
}

export interface FlowHarness {
  deps: RecordDependencies;
  webex: FakeWebexClient;
  queue: { deadLetter: ReturnType<typeof vi.fn>; defer: ReturnType<typeof vi.fn> } & QueueActions;
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  tokenReads: { count: number };
  ledger: MemoryLedger;
  /** Bodies published on the source queue (member-loss reconciles). */
  published: string[];
}

export function flowHarness(
  script: FakeWebexScript,
  overrides: Partial<Omit<RecordDependencies, 'settings'>> & {
    settings?: Partial<RecordDependencies['settings']>;
  } = {},
): FlowHarness {
  const webex = fakeWebexClient(script);
  const deadLetter = vi.fn(async () => undefined);
  const defer = vi.fn(async () => undefined);
  const queue = { deadLetter, defer };
  const published: string[] = [];
  const publish = vi.fn(async (bodies: readonly string[]) => {
    published.push(...bodies);
  });
  const logs: FlowHarness['logs'] = [];
  const logger: StructuredLogger = {
    info: (message, fields) => logs.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => logs.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => logs.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
  const tokenReads = { count: 0 };
  const tokens = createTokenHolder(async () => {
    tokenReads.count += 1;
    return `rotated-${tokenReads.count}`;
  });
  tokens.set('initial');
  const { settings, ...rest } = overrides;
  const ledger = memoryLedger(() => FLOW_NOW);
  const deps: RecordDependencies = {
    webex,
    rules: rulesFactory(),
    settings: {
      allowedOrgIds: [],
      acceptedEventTypes: ['user.created', 'user.updated', 'user.moved'],
      dryRun: false,
      personNotReadyRetryMinutes: 60,
      maxReceiveCount: 10,
      ...settings,
    },
    queue,
    gate: createRateGate(() => FLOW_NOW),
    tokens,
    zoneCache: createZoneCandidatesCache(() => FLOW_NOW),
    memberLoss: { publisher: { publish }, window: createMemberLossWindow(() => FLOW_NOW) },
    ledger,
    logger,
    now: () => FLOW_NOW,
    random: () => 0.5,
    ...rest,
  };
  return { deps, webex, queue, logs, tokenReads, ledger, published };
}
