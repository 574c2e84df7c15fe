/** One attempt's signal: aborted by the caller's signal or by the attempt's own timeout. */
export type AttemptSignal = {
  readonly signal: AbortSignal;
  /** True when the timeout, not the caller, ended the attempt. */
  timedOut(): boolean;
  /** Clears the timer and listener; call once the attempt is settled. */
  dispose(): void;
};

/**
 * Links the caller's signal with a per-attempt timeout. Written out rather than
 * `AbortSignal.any`/`AbortSignal.timeout` so the timer can be cleared (no stray handles in
 * tests or short-lived scripts) and the cause of an abort stays known.
 */
export function attemptSignal(parent: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let expired = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          expired = true;
          controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
