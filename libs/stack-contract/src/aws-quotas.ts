/**
 * AWS limits that the stack must respect and the local gateway reproduces; they are not in the
 * template, so both read them from here.
 */
export const AwsQuotas = {
  /** HTTP API quotas: "Payload size 10 MB". */
  maxRequestBytes: 10 * 1024 * 1024,
  /** HTTP API quotas: "Total combined size of request line and header values 10240 bytes". */
  maxRequestHeadBytes: 10_240,
  /**
   * Lambda quotas: "Invocation payload (request and response) 6 MB each for synchronous" — the
   * event (JSON, body base64 when binary) and the function's result are both held to it.
   */
  maxInvocationPayloadBytes: 6 * 1024 * 1024,
  /** HTTP API quotas: the maximum (and default) integration timeout, 30 seconds. */
  maxIntegrationTimeoutSeconds: 30,
} as const;
