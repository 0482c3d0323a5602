/**
 * The local AWS stand-ins listen on the loopback interface only: nothing on the machine's other addresses.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startLocalSecretsManager } from '../../local/aws/secrets-manager/start-local-secrets-manager.js';
import { startLocalSqs } from '../../local/aws/sqs/start-local-sqs.js';

/** This machine's IPv4 addresses other than loopback (none on a machine without a network). */
function externalIpv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address?.address ?? '');
}

/** 'connected' or the error code of a TCP connection attempt. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function reachability(endpoint: string): Promise<Record<string, string>> {
  const port = Number(new URL(endpoint).port);
  const results: Record<string, string> = { '127.0.0.1': await tryConnect('127.0.0.1', port) };
  for (const address of externalIpv4Addresses()) results[address] = await tryConnect(address, port);
  return results;
}

function loopbackOnly(): Record<string, string> {
  return Object.fromEntries([
    ['127.0.0.1', 'connected'],
    ...externalIpv4Addresses().map((address) => [address, expect.not.stringMatching(/^connected$/)]),
  ]);
}

describe('local AWS stand-ins', () => {
  it('the SQS peer accepts connections on 127.0.0.1 and on no other address', async () => {
    // Prepare
    const sqs = await startLocalSqs();

    try {
      // Act
      const results = await reachability(sqs.endpoint);

      // Assess
      expect(new URL(sqs.endpoint).hostname).toBe('127.0.0.1');
      expect(results).toEqual(loopbackOnly());
    } finally {
      await sqs.stop();
    }
  });

  it('the Secrets Manager stand-in accepts connections on 127.0.0.1 and on no other address', async () => {
    // Prepare
    const secrets = await startLocalSecretsManager({ secrets: {} });

    try {
      // Act
      const results = await reachability(secrets.endpoint);

      // Assess
      expect(new URL(secrets.endpoint).hostname).toBe('127.0.0.1');
      expect(results).toEqual(loopbackOnly());
    } finally {
      await secrets.stop();
    }
  });
});
