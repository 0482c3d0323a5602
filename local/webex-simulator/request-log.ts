/**
 * The request log and per-endpoint counters, readable in-process by tests, the bench and the soak.
 * Tokens travel in headers, which are never logged; query keys that look secret are redacted anyway.
 */
import type { FaultKind } from './faults.js';

export interface LoggedRequest {
  readonly method: string;
  /** Path as requested, without the query string. */
  readonly path: string;
  /** `METHOD /path-template` key of the counters, e.g. `GET /people/{personId}`; `METHOD (no route)` otherwise. */
  readonly route: string;
  readonly query: Readonly<Record<string, string>>;
  /** HTTP status; `undefined` when the connection was reset or the answer never came. */
  readonly status: number | undefined;
  /** The `TrackingID` answered (or that would have been). */
  readonly trackingId: string;
  /** Epoch ms (the simulator's `now`) when the request arrived. */
  readonly time: number;
  readonly fault?: FaultKind;
  /** Set when a simulator bug answered 500; tests should never see it. */
  readonly internalError?: string;
}

const SECRET_KEY = /token|secret|password|authorization/i;

export function loggableQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = SECRET_KEY.test(key) ? '[REDACTED]' : value;
  return out;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  readonly #counters = new Map<string, number>();
  readonly #limit: number;

  /** Keeps the newest `limit` entries (counters are unbounded). */
  constructor(limit = 200_000) {
    this.#limit = limit;
  }

  count(route: string): void {
    this.#counters.set(route, (this.#counters.get(route) ?? 0) + 1);
  }

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.#limit) this.entries.splice(0, this.entries.length - this.#limit);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }

  resetCounters(): void {
    this.#counters.clear();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
