/**
 * The names the functions log and count under: Powertools `serviceName` (every log line's `service`, every metric's
 * `service` dimension) and the CloudWatch metrics namespace. The one home of both: the handler builds its Logger and
 * Metrics with them, and `infra/` sets `POWERTOOLS_SERVICE_NAME` / `POWERTOOLS_METRICS_NAMESPACE` and reads the
 * metrics back (alarms, dashboard) with the same values.
 */
export const SERVICE_NAME = 'ecbn-provisioner';
export const METRICS_NAMESPACE = 'EcbnProvisioner';
/** The token rotation function's service name (its metrics' `service` dimension, read by its alarms). */
export const TOKEN_ROTATION_SERVICE_NAME = 'ecbn-provisioner-token-rotation';
/** The audit worker's service name (its metrics' `service` dimension, read by the audit alarm). */
export const AUDIT_SERVICE_NAME = 'ecbn-provisioner-audit';
