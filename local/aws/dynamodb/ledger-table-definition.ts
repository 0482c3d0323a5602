/**
 * The ledger table as CreateTable creates it locally: the same keys and indexes `infra/ledger-table.ts` deploys
 * (both read the attribute and index names from `lambda/ledger/item.ts`).
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { EMAIL_INDEX, LEDGER_KEYS, MEMBER_INDEX } from '../../../lambda/ledger/item.js';

export function ledgerTableDefinition(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, memberKey, email } = LEDGER_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: sortKey, AttributeType: 'S' },
      { AttributeName: memberKey, AttributeType: 'S' },
      { AttributeName: email, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: MEMBER_INDEX,
        KeySchema: [{ AttributeName: memberKey, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['personId', 'placement'] },
      },
      {
        IndexName: EMAIL_INDEX,
        KeySchema: [{ AttributeName: email, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['personId'] },
      },
    ],
  };
}
