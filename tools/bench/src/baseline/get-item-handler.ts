// The baseline function: the least a Lambda answering GET /items/{id} from DynamoDB must carry —
// one DocumentClient and one GetCommand, no router, no validation, no problem mapping. It imports
// nothing from the kit on purpose, so the key layout (ItemKeys) is restated here; the cold-start
// benchmark checks that both functions return the same item, so a drift cannot go unnoticed.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION,
    ...(endpoint
      ? {
          endpoint,
          credentials: {
            accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
            secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
          },
        }
      : {}),
  }),
);

export const handler = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const sub = event.requestContext.authorizer.jwt.claims.sub;
  const { Item } = await client.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: `OWNER#${sub}`, SK: `ITEM#${event.pathParameters?.id}` },
      ConsistentRead: true,
    }),
  );
  if (!Item) return { statusCode: 404 };
  const { PK: _pk, SK: _sk, ...item } = Item;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(item),
  };
};
