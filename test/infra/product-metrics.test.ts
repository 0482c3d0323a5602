import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  ATTENTION_METRIC,
  BATCH_FAILURE_METRIC,
  CONFIGURATION_FAILURE_METRIC,
  DEAD_LETTER_SEND_FAILED_METRIC,
  OUTCOME_METRIC,
} from '../../lambda/flow/record-report.js';
import {
  ATTENTION_METRIC_NAME,
  BATCH_FAILURE_METRIC_NAME,
  CONFIGURATION_FAILURE_METRIC_NAME,
  DEAD_LETTER_SEND_FAILED_METRIC_NAME,
  OUTCOME_METRIC_NAMES,
  productMetric,
} from '../../infra/product-metrics.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../infra/ecbn-function.js';

describe('product metrics', () => {
  it('name exactly the outcome metrics the handler emits', () => {
    expect([...OUTCOME_METRIC_NAMES].sort()).toEqual(Object.values(OUTCOME_METRIC).sort());
  });

  it('name the attention and configuration-failure metrics the handler emits', () => {
    expect(ATTENTION_METRIC_NAME).toBe(ATTENTION_METRIC);
    expect(CONFIGURATION_FAILURE_METRIC_NAME).toBe(CONFIGURATION_FAILURE_METRIC);
    expect(DEAD_LETTER_SEND_FAILED_METRIC_NAME).toBe(DEAD_LETTER_SEND_FAILED_METRIC);
    expect(BATCH_FAILURE_METRIC_NAME).toBe(BATCH_FAILURE_METRIC);
  });

  it('read the namespace and the service dimension that Powertools Metrics writes', () => {
    // Act
    const metric = productMetric('Attention', Duration.minutes(1));

    // Assess (lambda/handler.ts builds Metrics with this namespace and service name)
    expect(metric.namespace).toBe('EcbnProvisioner');
    expect(metric.dimensions).toEqual({ service: 'ecbn-provisioner' });
    expect([METRICS_NAMESPACE, SERVICE_NAME]).toEqual(['EcbnProvisioner', 'ecbn-provisioner']);
    expect(metric.statistic).toBe('Sum');
  });
});
