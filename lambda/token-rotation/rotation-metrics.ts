/**
 * The rotation function's metrics (namespace `EcbnProvisioner`, alarmed in `infra/token-rotation.ts`). One home for
 * their names: infra and tests import them.
 */

/** 1 per rotation that finished (finishSecret moved AWSCURRENT). */
export const TOKEN_ROTATION_SUCCEEDED_METRIC = 'TokenRotationSucceeded';
/** 1 per failed step: the secret keeps its AWSCURRENT version; Secrets Manager tries again. */
export const TOKEN_ROTATION_FAILED_METRIC = 'TokenRotationFailed';
/** Seconds until the AWSCURRENT access token expires, emitted on every step (newer version or not). */
export const ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC = 'WebexAccessTokenSecondsToExpiry';
/** Seconds until the AWSCURRENT refresh token expires: when it nears, an admin must authorise again. */
export const REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC = 'WebexRefreshTokenSecondsToExpiry';
