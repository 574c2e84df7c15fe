/**
 * Lambda quotas (AWS guide "Lambda quotas"): "Invocation payload (request and response) 6 MB each
 * for synchronous" — the event the gateway sends (JSON, body base64 when binary) and the
 * function's result are both held to it.
 */
export const LambdaQuotas = {
  maxInvocationPayloadBytes: 6 * 1024 * 1024,
} as const;

/** Limits the function enforces on every request (the gateway's own: `GatewayQuotas`). */
export const RequestLimits = {
  /** Bodies over this many bytes are answered 413 before they are parsed. */
  maxBodyBytes: 64 * 1024,
} as const;

/**
 * How long the first answer to an `Idempotency-Key` is replayed: 24 h, longer than any client's
 * retry budget, short enough that the records stay few. The API's documentation promises it;
 * the function's default and the stages' setting (never shorter) are this value.
 */
export const IdempotencyLimits = {
  replaySeconds: 24 * 60 * 60,
} as const;

/** `86400` → `24 h`, as the contract's text names a window. */
export const formatHours = (seconds: number) => `${seconds / 3600} h`;
