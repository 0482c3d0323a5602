/**
 * Builds a Webex client for unit tests: scripted fetch, a fake clock whose `sleep` records each wait and advances time
 * at once (no real waiting), a fixed `random`, a recording logger, and strict schemas unless a test says otherwise.
 */
import { vi } from 'vitest';
import { createWebexClient } from '../../lambda/webex/client.js';
import type { ClientLogger, WebexAttempt, WebexClient, WebexClientOptions } from '../../lambda/webex/types.js';
import { createFetchStub, type FetchStub, type StubStep } from './fetch-stub.js';

/** Base URL used by the unit tests (never contacted: fetch is stubbed). */
export const TEST_BASE_URL = 'https://webexapis.com/v1';
/** The clock's start: 2026-11-29T12:00:00Z. */
export const CLOCK_START = Date.UTC(2026, 10, 29, 12, 0, 0);
/** A token a test can search for in every error and log line. */
export const CANARY_TOKEN = 'CANARY-TOKEN-7f3a9c1e-d5b2-4e8f-a6c0-1b2d3e4f5a6b';

/** A clock that only moves when the client sleeps (or the test says so). */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every wait the client asked for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function createFakeClock(start = CLOCK_START): FakeClock {
  let current = start;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: async (ms) => {
      sleeps.push(ms);
      current += ms;
    },
    sleeps,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A logger whose `warn`/`debug` are vitest mocks. */
export interface RecordingLogger extends ClientLogger {
  readonly warn: ReturnType<typeof vi.fn<(message: string, extra?: Record<string, unknown>) => void>>;
  readonly debug: ReturnType<typeof vi.fn<(message: string, extra?: Record<string, unknown>) => void>>;
}

export function createRecordingLogger(): RecordingLogger {
  return { warn: vi.fn(), debug: vi.fn() };
}

export interface TestClient {
  readonly client: WebexClient;
  readonly stub: FetchStub;
  readonly clock: FakeClock;
  readonly logger: RecordingLogger;
  /** Every `onAttempt` report of calls made with `harness.call()` options. */
  readonly attempts: WebexAttempt[];
  /** `onAttempt` collecting into `attempts`, for a call's options. */
  readonly onAttempt: (attempt: WebexAttempt) => void;
}

/**
 * A client on a scripted fetch. `random` defaults to 0.5 so backoff waits are exactly half their ceiling.
 *
 * @example
 * const { client, stub } = createTestClient([respondJson(personEcbnBody())]);
 */
export function createTestClient(
  steps: StubStep[],
  overrides: Partial<Omit<WebexClientOptions, 'fetch' | 'now' | 'sleep'>> = {},
): TestClient {
  const stub = createFetchStub(...steps);
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const attempts: WebexAttempt[] = [];
  const client = createWebexClient({
    baseUrl: TEST_BASE_URL,
    getToken: async () => CANARY_TOKEN,
    schemaMode: 'strict',
    random: () => 0.5,
    logger,
    ...overrides,
    fetch: stub.fetch,
    now: clock.now,
    sleep: clock.sleep,
  });
  return { client, stub, clock, logger, attempts, onAttempt: (attempt) => attempts.push(attempt) };
}
