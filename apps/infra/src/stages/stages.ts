import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  StageConfigSchema,
  StageNameSchema,
  stageNames,
  type StageConfig,
  type StageName,
} from './stage-config';

const dev: StageConfig = {
  stageName: 'dev',
  throttle: { rateLimit: 100, burstLimit: 50 },
  // No tighter POST limit in dev: it would only slow seeding scripts; prod sets one.
  routeThrottles: {},
  // The web app's origin is always allowed; in dev also a front-end dev server on this machine.
  cors: { allowOrigins: ['http://localhost:3001'], maxAgeSeconds: 600 },
  itemsFunction: { memoryMb: 512, timeoutSeconds: 10 },
  docsFunction: { memoryMb: 256, timeoutSeconds: 5 },
  logRetention: RetentionDays.ONE_WEEK,
  tracing: false,
  retainData: false,
  mfa: 'optional',
  oauth: {
    tokenValidity: { accessTokenMinutes: 60, idTokenMinutes: 60, refreshTokenDays: 30 },
    machineClient: true,
  },
};

const prod: StageConfig = {
  stageName: 'prod',
  throttle: { rateLimit: 100, burstLimit: 50 },
  routeThrottles: { 'POST /items': { rateLimit: 50, burstLimit: 25 } },
  // Only the web app's own origin unless told (`-c corsOrigins=https://admin.example`).
  cors: { allowOrigins: [], maxAgeSeconds: 3600 },
  itemsFunction: { memoryMb: 1024, timeoutSeconds: 10 },
  docsFunction: { memoryMb: 256, timeoutSeconds: 5 },
  logRetention: RetentionDays.THREE_MONTHS,
  tracing: true,
  retainData: true,
  mfa: 'required',
  oauth: {
    // Short-lived access tokens: a revoked user loses access within 15 minutes.
    tokenValidity: { accessTokenMinutes: 15, idTokenMinutes: 15, refreshTokenDays: 7 },
    machineClient: false,
  },
};

export const stageConfigs: Readonly<Record<StageName, StageConfig>> = { dev, prod };

type Overridable<T> = T extends readonly unknown[] ? T : T extends object ? Partial<T> : T;

/** Changes to a stage's config; object settings merge one level deep (`{ throttle: { burstLimit: 5 } }`). */
export type StageOverrides = {
  readonly [K in Exclude<keyof StageConfig, 'stageName'>]?: Overridable<StageConfig[K]>;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The named stage's config with overrides applied, validated as a whole.
 * @throws Error naming the stage and each invalid setting.
 */
export function resolveStageConfig(stage: string, overrides: StageOverrides = {}): StageConfig {
  const name = StageNameSchema.safeParse(stage);
  if (!name.success) {
    throw new Error(`Unknown stage "${stage}": use one of ${stageNames.join(', ')}`);
  }
  const base: Record<string, unknown> = { ...stageConfigs[name.data] };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    base[key] =
      isPlainObject(value) && isPlainObject(base[key]) ? { ...base[key], ...value } : value;
  }
  const parsed = StageConfigSchema.safeParse(base);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid config for stage "${name.data}": ${problems.join('; ')}`);
  }
  return parsed.data;
}
