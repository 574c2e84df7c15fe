import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';

/** One autocannon run against loopback, as a promise of its results. */
export function runLoad(options: AutocannonOptions): Promise<AutocannonResult> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(options.url)) {
    throw new Error(`load runs against loopback only, not ${options.url}`);
  }
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** Responses per status code (`{ "200": 1234, "304": 56 }`). */
export const statusCounts = (result: AutocannonResult): Record<string, number> =>
  Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
  );
