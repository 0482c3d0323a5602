/**
 * AWS Lambda entry point of the deployed audit (`infra/audit.ts`). Environment parsed once with zod; the Webex token
 * read from the same Secrets Manager secret as the provisioner (cached 5 minutes); Webex calls paced to this
 * worker's share of the rate budget (`AUDIT_WEBEX_CALLS_PER_SECOND` × the event source's maximum concurrency).
 * Placements: the person ledger's `readPlacements` (docs/ledger.md, "Reads for the audit"), one BatchGetItem per page.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { structuredLogger } from '../../observability/structured-logger.js';
import { createDynamoLedger } from '../../ledger/dynamo-ledger.js';
import { loadCompiledRules } from '../../rules/load-compiled-rules.js';
import { AUDIT_SERVICE_NAME, METRICS_NAMESPACE } from '../../observability/service-identity.js';
import { createSecretTokenSource } from '../../token/secret-token-source.js';
import { createWebexClient } from '../../webex/client.js';
import { createNodeTransport } from '../../webex/node-transport.js';
import { createPacer, pacedTransport } from '../pacer.js';
import { NO_PLACEMENTS } from '../placement-lookup.js';
import { createAuditWorker } from './create-audit-worker.js';
import { s3ReportStore } from './report-store.js';

const env = z
  .object({
    AUDIT_BUCKET: z.string().min(1),
    AUDIT_QUEUE_URL: z.string().url(),
    SOURCE_QUEUE_URL: z.string().url(),
    AUDIT_FIX: z.enum(['true', 'false']).default('false'),
    WEBEX_TOKEN_SECRET_ID: z.string().min(1),
    WEBEX_API_BASE_URL: z.string().url().default('https://webexapis.com/v1'),
    AUDIT_WEBEX_CALLS_PER_SECOND: z.coerce.number().positive().default(10),
    AUDIT_PEOPLE_AT_ONCE: z.coerce.number().int().min(1).max(100).default(8),
    ECBN_RULES_FILE: z.string().min(1),
    LEDGER_TABLE_NAME: z.string().min(1).optional(),
  })
  .parse(process.env);

const logger = new Logger({ serviceName: AUDIT_SERVICE_NAME });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: AUDIT_SERVICE_NAME });
const sqs = new SQSClient({});
// The provisioner's own token reader (Powertools Parameters, cached 5 minutes).
const tokens = createSecretTokenSource({
  provider: new SecretsProvider(),
  secretId: env.WEBEX_TOKEN_SECRET_ID,
  maxAgeSeconds: 300,
});

const pacer = createPacer(env.AUDIT_WEBEX_CALLS_PER_SECOND, Date.now, (ms) => new Promise((r) => setTimeout(r, ms)));

export const handler = createAuditWorker(
  {
    webex: createWebexClient({
      baseUrl: env.WEBEX_API_BASE_URL,
      getToken: () => tokens.cached(),
      transport: pacedTransport(createNodeTransport(), pacer),
    }),
    rules: loadCompiledRules(env.ECBN_RULES_FILE),
    placements:
      env.LEDGER_TABLE_NAME === undefined
        ? NO_PLACEMENTS
        : ((ledger) => ({ placementsOf: (personIds: readonly string[]) => ledger.readPlacements(personIds) }))(
            createDynamoLedger({ client: new DynamoDBClient({}), tableName: env.LEDGER_TABLE_NAME, now: Date.now }),
          ),
    store: s3ReportStore(new S3Client({}), env.AUDIT_BUCKET),
    async send(message) {
      await sqs.send(new SendMessageCommand({ QueueUrl: env.AUDIT_QUEUE_URL, MessageBody: JSON.stringify(message) }));
    },
    reconcile:
      env.AUDIT_FIX === 'true'
        ? async (events) => {
            for (let i = 0; i < events.length; i += 10) {
              const chunk = events.slice(i, i + 10);
              const answer = await sqs.send(
                new SendMessageBatchCommand({
                  QueueUrl: env.SOURCE_QUEUE_URL,
                  Entries: chunk.map((event, index) => ({ Id: String(index), MessageBody: JSON.stringify(event) })),
                }),
              );
              if ((answer.Failed ?? []).length > 0)
                throw new Error('SQS refused reconcile events; the page is retried');
            }
          }
        : undefined,
    publishMetrics(summary) {
      metrics.addMetric('CompliancePercent', MetricUnit.Percent, summary.compliancePercent);
      metrics.addMetric('DriftPeople', MetricUnit.Count, summary.byStatus.drift);
      metrics.addMetric('AttentionPeople', MetricUnit.Count, summary.byStatus.attention);
      metrics.publishStoredMetrics();
    },
    concurrency: env.AUDIT_PEOPLE_AT_ONCE,
    now: Date.now,
    newAuditId: () => `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
  },
  structuredLogger(logger),
);
