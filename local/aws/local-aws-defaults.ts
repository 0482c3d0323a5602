/**
 * Constants shared by the local AWS stand-ins: every one listens on the loopback interface only and is reached with
 * dummy credentials (nothing verifies signatures locally, but the SDK refuses to sign without credentials).
 */
/** The only interface the local stand-ins listen on. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Region of every local resource (fauxqs falls back to it; the Secrets Manager stand-in puts it in ARNs). */
export const LOCAL_AWS_REGION = 'us-east-1';

/** Account id in local ARNs: fauxqs uses this fixed id and the Secrets Manager stand-in follows it. */
export const LOCAL_AWS_ACCOUNT_ID = '000000000000';

/**
 * Dummy credentials for a client of a local stand-in (they accept any signature). A fresh object every call: the SDK
 * writes bookkeeping fields onto the credentials object it is given.
 *
 * @example
 * new SQSClient({ endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() });
 */
export function localAwsCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'local', secretAccessKey: 'local' };
}
