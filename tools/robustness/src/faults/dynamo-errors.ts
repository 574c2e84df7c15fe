/** DynamoDB's JSON protocol error answers, as the service sends them. */
const dynamoError = (status: number, type: string, message: string) => ({
  status,
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': 'FAULTPROXY0000000000000000000000000000000000000000',
  },
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
});

export const dynamoErrors = {
  throttle: dynamoError(
    400,
    'ProvisionedThroughputExceededException',
    'The level of configured provisioned throughput for the table was exceeded.',
  ),
  internal: dynamoError(500, 'InternalServerError', 'Internal server error'),
  unavailable: dynamoError(503, 'ServiceUnavailable', 'Service unavailable'),
} as const;

export type DynamoErrorKind = keyof typeof dynamoErrors;

/** Names and words a response must never show a client: AWS error names, SDK and socket errors. */
export const leakPatterns = [
  /ProvisionedThroughputExceeded/,
  /InternalServerError/,
  /ServiceUnavailable/,
  /TimeoutError/,
  /TransactionCanceled/,
  /ConditionalCheckFailed/,
  /ECONNRESET|ECONNREFUSED|socket hang up/,
  /com\.amazonaws|__type|DynamoDB|x-amz/i,
  /\n\s+at \S/,
];
