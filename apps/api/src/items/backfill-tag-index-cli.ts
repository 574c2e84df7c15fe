// Writes the tag-index copies of items stored before the index existed (see docs/architecture.md,
// "Data design"). Run once after deploying, with credentials allowed to Scan, ConditionCheckItem
// and PutItem on the table:
//   TABLE_NAME=<table> AWS_REGION=<region> npx tsx --tsconfig tsconfig.base.json apps/api/src/items/backfill-tag-index-cli.ts
// DYNAMODB_ENDPOINT=http://… points it at another DynamoDB (DynamoDB Local).
import { loadConfig } from '../config';
import { createDocumentClient } from '../dependencies';
import { backfillTagIndex } from './backfill-tag-index';

async function main() {
  const config = loadConfig(process.env);
  const client = createDocumentClient(config);
  try {
    const report = await backfillTagIndex(client, config.tableName, (r) =>
      process.stderr.write(
        `\r${r.items} items, ${r.indexed} indexed, ${r.changed} changed meanwhile`,
      ),
    );
    process.stderr.write('\n');
    console.log(JSON.stringify(report));
  } finally {
    client.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`backfill failed: ${error.message}`);
  process.exit(1);
});
