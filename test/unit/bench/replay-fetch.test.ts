import { describe, expect, it, vi } from 'vitest';
import { createReplayFetch } from '../../../local/bench/replay-fetch.js';

const URL_PERSON = 'http://127.0.0.1:1/v1/people/p1?callingData=true';

/** A network stand-in: answers a fresh JSON body (with a counter) per call. */
function networkFactory() {
  let served = 0;
  return vi.fn(async (_input: string | URL | Request, init?: RequestInit) => {
    served += 1;
    if (init?.method === 'PUT') return new Response(null, { status: 204, headers: { trackingid: 'SERVER_1' } });
    return new Response(JSON.stringify({ served }), {
      status: 200,
      headers: { 'content-type': 'application/json;charset=UTF-8', trackingid: 'SERVER_1' },
    });
  });
}

describe('createReplayFetch', () => {
  it('passes requests through to the network until told otherwise', async () => {
    // Prepare
    const network = networkFactory();
    const replay = createReplayFetch(network);

    // Act
    const response = await replay.fetch(URL_PERSON, { method: 'GET' });

    // Assess
    expect(await response.json()).toEqual({ served: 1 });
    expect(replay.recorded).toBe(0);
  });

  it('answers a replayed request from the recording, without the network', async () => {
    // Prepare
    const network = networkFactory();
    const replay = createReplayFetch(network);
    replay.mode = 'record';
    const recorded = await replay.fetch(URL_PERSON, { method: 'GET' });
    replay.mode = 'replay';

    // Act
    const replayed = await replay.fetch(URL_PERSON, { method: 'GET', headers: { TrackingID: 'ECBNP_abc_1' } });

    // Assess
    expect(await recorded.json()).toEqual({ served: 1 });
    expect(await replayed.json()).toEqual({ served: 1 });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    // The request's TrackingID is echoed, as Webex does.
    expect(replayed.headers.get('trackingid')).toBe('ECBNP_abc_1');
    expect(network).toHaveBeenCalledTimes(1);
    expect(replay.misses).toBe(0);
  });

  it('keys answers by method and URL', async () => {
    // Prepare
    const replay = createReplayFetch(networkFactory());
    replay.mode = 'record';
    await replay.fetch(URL_PERSON, { method: 'GET' });
    await replay.fetch(URL_PERSON, { method: 'PUT', body: '{}' });
    replay.mode = 'replay';

    // Act
    const put = await replay.fetch(URL_PERSON, { method: 'PUT', body: '{}' });

    // Assess
    expect(put.status).toBe(204);
    expect(await put.text()).toBe('');
    expect(replay.recorded).toBe(2);
  });

  it('sends a request it has no answer for over the network, and counts the miss', async () => {
    // Prepare
    const network = networkFactory();
    const replay = createReplayFetch(network);
    replay.mode = 'replay';

    // Act
    const response = await replay.fetch(new URL(URL_PERSON));

    // Assess
    expect(await response.json()).toEqual({ served: 1 });
    expect(replay.misses).toBe(1);
  });
});
