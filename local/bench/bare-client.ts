/**
 * The floor no handler can beat: the same Webex requests the handler sent, sent again by a bare keep-alive
 * `node:http` client that does nothing but send them and `JSON.parse` the answers. Its CPU per event is the
 * denominator of `handlerCpuRatio`, measured in the same worker process, in the same run, so the ratio holds on any
 * machine where an absolute events-per-second figure does not.
 */
import http from 'node:http';
import type { RecordedRequest } from './replay-fetch.js';

/**
 * Sends `requests` with at most `parallel` in flight (the handler's MAX_PARALLEL_RECORDS), in order.
 * Resolves with the number of answers that were not 2xx (should be 0).
 *
 * @example
 * const failed = await sendWithBareClient(replay.requests, 5);
 */
export async function sendWithBareClient(requests: readonly RecordedRequest[], parallel: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  let next = 0;
  let failed = 0;
  const lane = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next] as RecordedRequest;
      next += 1;
      const status = await send(agent, request);
      if (status < 200 || status > 299) failed += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  } finally {
    agent.destroy();
  }
  return failed;
}

function send(agent: http.Agent, request: RecordedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      request.url,
      { method: request.method, headers: request.headers, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (text.length > 0) JSON.parse(text);
          resolve(answer.statusCode ?? 0);
        });
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
