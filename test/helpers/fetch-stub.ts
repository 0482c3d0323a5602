/**
 * A scripted `fetch` for unit tests of the Webex client: a queue of answers consumed in order, and a record of every
 * request (URL, method, headers, body). No network. One stub per test: `createFetchStub(respondJson(...), ...)`.
 */

/** One request the client sent, as the stub saw it. */
export interface RecordedRequest {
  readonly url: URL;
  readonly method: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/** One scripted answer: a `Response`, or a rejection (network failure, abort). */
export type StubStep = (request: RecordedRequest) => Promise<Response>;

export interface FetchStub {
  /** Pass as `fetch` to `createWebexClient`. */
  readonly fetch: typeof fetch;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Appends answers to the queue. */
  enqueue(...steps: StubStep[]): void;
  /** Answers not consumed yet. */
  readonly pending: number;
}

/**
 * Creates a stub that answers with `steps` in order; a request beyond the queue rejects with a clear message (the
 * client then reports a network error, and the test's request-count assertion names the surplus call).
 *
 * @example
 * const stub = createFetchStub(respondJson({ selected: 'DIRECT_LINE' }), respondEmpty());
 * createWebexClient({ getToken, fetch: stub.fetch });
 */
export function createFetchStub(...steps: StubStep[]): FetchStub {
  const queue = [...steps];
  const requests: RecordedRequest[] = [];
  const stubFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init?.headers ?? {}).entries());
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const recorded: RecordedRequest = {
      url,
      method: (init?.method ?? 'GET').toUpperCase(),
      headers,
      body,
      signal: init?.signal ?? undefined,
    };
    requests.push(recorded);
    const step = queue.shift();
    if (step === undefined) {
      throw new Error(
        `fetch stub: no answer queued for request #${requests.length} (${recorded.method} ${url.pathname})`,
      );
    }
    return step(recorded);
  };
  return {
    fetch: stubFetch as typeof fetch,
    requests,
    enqueue: (...more) => queue.push(...more),
    get pending() {
      return queue.length;
    },
  };
}

/** Response headers: a record, merged over the defaults the real API sends. */
type HeaderInit = Readonly<Record<string, string>>;

/**
 * 2xx (default 200) with a JSON body.
 *
 * @example
 * respondJson({ phoneNumbers: [] }, { headers: { Link: '<https://webexapis.com/v1/x?start=2>; rel="next"' } });
 */
export function respondJson(body: unknown, init: { status?: number; headers?: HeaderInit } = {}): StubStep {
  return async () =>
    new Response(JSON.stringify(body), {
      status: init.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...init.headers },
    });
}

/** A body-less answer, 204 No Content by default (the PUT's documented answer). */
export function respondEmpty(status = 204, headers: HeaderInit = {}): StubStep {
  return async () => new Response(null, { status, headers });
}

/** Any status with a raw text body (e.g. an HTML error page or a broken JSON). */
export function respondText(status: number, text: string, headers: HeaderInit = {}): StubStep {
  return async () => new Response(text, { status, headers });
}

/** An error status with a JSON body (see `webexErrorBody`) or none. */
export function respondError(status: number, body?: unknown, headers: HeaderInit = {}): StubStep {
  return async () =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    });
}

/**
 * The request fails before an answer, like undici's `TypeError: fetch failed` with the socket error as `cause`.
 *
 * @example
 * failNetwork(); // TypeError('fetch failed', { cause: Error('read ECONNRESET') { code: 'ECONNRESET' } })
 */
export function failNetwork(error: unknown = undiciFetchFailed('ECONNRESET')): StubStep {
  return async () => {
    throw error;
  };
}

/** The error undici throws when the connection fails: `TypeError: fetch failed` caused by a socket error. */
export function undiciFetchFailed(code: string): TypeError {
  const socketError = Object.assign(new Error(`read ${code}`), { code, errno: -104, syscall: 'read' });
  return new TypeError('fetch failed', { cause: socketError });
}

/**
 * No answer ever arrives; the promise rejects only when the client aborts (its per-attempt timeout).
 *
 * @example
 * createFetchStub(hangUntilAborted()); // + timeoutMs: 5 → WebexTimeoutError
 */
export function hangUntilAborted(): StubStep {
  return (request) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = request.signal;
      if (signal === undefined) {
        reject(new Error('fetch stub: hangUntilAborted needs a request with an AbortSignal'));
        return;
      }
      const abort = (): void => reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
    });
}
