import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWithBareClient } from '../../local/bench/bare-client.js';
import type { RecordedRequest } from '../../local/bench/replay-fetch.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function echoServer(seen: { method: string; url: string; body: string; auth: string | undefined }[]) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, auth: req.headers.authorization });
      if (req.method === 'PUT') res.writeHead(204).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the bench bare client (handlerCpuRatio denominator)', () => {
  it('sends exactly the recorded requests, headers and bodies included, and counts no failure', async () => {
    // Prepare
    const seen: { method: string; url: string; body: string; auth: string | undefined }[] = [];
    const base = await echoServer(seen);
    const requests: RecordedRequest[] = [
      { method: 'GET', url: `${base}/v1/people/p1?callingData=true`, headers: { authorization: 'Bearer sim' } },
      {
        method: 'PUT',
        url: `${base}/v1/telephony/config/people/p1/emergencyCallbackNumber`,
        headers: { authorization: 'Bearer sim', 'content-type': 'application/json' },
        body: '{"selected":"LOCATION_ECBN"}',
      },
      { method: 'GET', url: `${base}/v1/people/p2?callingData=true`, headers: { authorization: 'Bearer sim' } },
    ];

    // Act
    const failed = await sendWithBareClient(requests, 2);

    // Assess
    expect(failed).toBe(0);
    expect(seen.map((r) => `${r.method} ${r.url} ${r.body}`).sort()).toEqual([
      'GET /v1/people/p1?callingData=true ',
      'GET /v1/people/p2?callingData=true ',
      'PUT /v1/telephony/config/people/p1/emergencyCallbackNumber {"selected":"LOCATION_ECBN"}',
    ]);
    expect(seen.every((r) => r.auth === 'Bearer sim')).toBe(true);
  });
});
