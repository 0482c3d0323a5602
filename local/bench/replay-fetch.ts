/**
 * A `fetch` that records answers and can replay them in-process: the handler then does all its own work (headers,
 * TrackingID, timeouts, reading and parsing bodies, mapping errors) without sockets or an HTTP client. Requests are
 * keyed by method and URL; a replayed answer echoes the request's `TrackingID`, as Webex does.
 */

interface RecordedAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

export type ReplayMode = 'pass-through' | 'record' | 'replay';

/** A request as the handler sent it while recording: what the bare client sends again. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ReplayFetch {
  readonly fetch: typeof fetch;
  mode: ReplayMode;
  /** Replay requests that had no recorded answer and went over the network instead. */
  readonly misses: number;
  readonly recorded: number;
  /** Every request sent while recording, in order (repeats included). */
  readonly requests: readonly RecordedRequest[];
}

/**
 * @example
 * const replay = createReplayFetch(globalThis.fetch);
 * globalThis.fetch = replay.fetch;
 * replay.mode = 'record'; // ...run...
 * replay.mode = 'replay'; // ...run the same events again, answered from memory
 */
export function createReplayFetch(network: typeof fetch): ReplayFetch {
  const answers = new Map<string, RecordedAnswer>();
  const requests: RecordedRequest[] = [];
  let misses = 0;
  const state: ReplayFetch = {
    mode: 'pass-through',
    get misses() {
      return misses;
    },
    get recorded() {
      return answers.size;
    },
    requests,
    fetch: async (input, init) => {
      if (state.mode === 'pass-through') return network(input, init);
      const key = requestKey(input, init);
      if (state.mode === 'record') {
        requests.push(recordedRequest(input, init));
        const response = await network(input, init);
        const body = await response.clone().text();
        answers.set(key, { status: response.status, contentType: response.headers.get('content-type'), body });
        return response;
      }
      const answer = answers.get(key);
      if (!answer) {
        misses += 1;
        return network(input, init);
      }
      const headers = new Headers();
      if (answer.contentType !== null) headers.set('content-type', answer.contentType);
      const trackingId = new Headers(init?.headers).get('trackingid');
      if (trackingId !== null) headers.set('trackingid', trackingId);
      const nullBody = answer.status === 204 || answer.status === 304;
      return new Response(nullBody ? null : answer.body, { status: answer.status, headers });
    },
  };
  return state;
}

function requestKey(input: string | URL | Request, init: RequestInit | undefined): string {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const url = input instanceof Request ? input.url : String(input);
  return `${method} ${url}`;
}

function recordedRequest(input: string | URL | Request, init: RequestInit | undefined): RecordedRequest {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const url = input instanceof Request ? input.url : String(input);
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  return typeof init?.body === 'string' ? { method, url, headers, body: init.body } : { method, url, headers };
}
