/**
 * Starts the Webex simulator for a test file and stops it afterwards; a raw-HTTP helper for asserting exact
 * statuses, headers and bodies (the client hides those behind typed errors).
 */
import { afterEach } from 'vitest';
import {
  startWebexSimulator,
  type WebexSimulator,
  type WebexSimulatorOptions,
} from '../../local/webex-simulator/index.js';

const running = new Set<WebexSimulator>();

afterEach(async () => {
  await Promise.all([...running].map((sim) => sim.stop()));
  running.clear();
});

/** Starts a simulator on 127.0.0.1:<random>; stopped after the test. */
export async function startTestSimulator(options: WebexSimulatorOptions): Promise<WebexSimulator> {
  const sim = await startWebexSimulator(options);
  running.add(sim);
  return sim;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body. */
  readonly body: unknown;
}

/**
 * One request to the simulator. `path` is below `/v1`; `token: null` sends no Authorization header.
 *
 * @example
 * const { status, body } = await simRequest(sim, 'GET', `/people/${id}?callingData=true`);
 */
export async function simRequest(
  sim: WebexSimulator,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  options: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const token = options.token === undefined ? sim.token : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${sim.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}
