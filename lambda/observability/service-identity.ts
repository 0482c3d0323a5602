/**
 * The names the function logs and counts under: Powertools `serviceName` (every log line's `service`, every metric's
 * `service` dimension) and the CloudWatch metrics namespace. The one home of both: the handler builds its Logger and
 * Metrics with them, and `infra/` sets `POWERTOOLS_SERVICE_NAME` / `POWERTOOLS_METRICS_NAMESPACE` and reads the
 * metrics back (alarms, dashboard) with the same values.
 */
export const SERVICE_NAME = 'ecbn-provisioner';
export const METRICS_NAMESPACE = 'EcbnProvisioner';
