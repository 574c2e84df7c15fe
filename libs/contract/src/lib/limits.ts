/** Limits the function enforces on every request (the gateway's own limit is 10 MB). */
export const RequestLimits = {
  /** Bodies over this many bytes are answered 413 before they are parsed. */
  maxBodyBytes: 64 * 1024,
} as const;
