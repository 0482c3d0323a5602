import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { OUTCOME_METRIC } from '../../lambda/flow/record-report.js';
import { OUTCOME_METRIC_NAMES, productMetric } from '../../infra/product-metrics.js';

describe('product metrics', () => {
  it('cover every record outcome the handler counts', () => {
    expect(OUTCOME_METRIC_NAMES).toEqual(Object.values(OUTCOME_METRIC));
    expect(OUTCOME_METRIC_NAMES).toContain('RecordsDeadLettered');
  });

  it('read the namespace and the service dimension that Powertools Metrics writes, summed', () => {
    // Act
    const metric = productMetric('Attention', Duration.minutes(1));

    // Assess
    expect(metric.namespace).toBe('EcbnProvisioner');
    expect(metric.dimensions).toEqual({ service: 'ecbn-provisioner' });
    expect(metric.statistic).toBe('Sum');
  });
});
