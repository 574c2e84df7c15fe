import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export type CredentialProbe = {
  readonly env: Env;
  readonly fileExists: (path: string) => boolean;
  readonly home: string;
};

const defaultProbe = (): CredentialProbe => ({
  env: process.env,
  fileExists: existsSync,
  home: homedir(),
});

/**
 * Where the AWS SDK would find credentials, judged offline from the environment and the shared
 * config files only (no network: an unreachable metadata endpoint would hang a deploy for
 * seconds). `undefined` when there is nowhere to look.
 */
export function findCredentialSource(probe: CredentialProbe = defaultProbe()): string | undefined {
  const { env, fileExists, home } = probe;
  if (env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) return 'environment variables';
  if (env['AWS_WEB_IDENTITY_TOKEN_FILE'] && env['AWS_ROLE_ARN']) return 'web identity token';
  if (env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] || env['AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
    return 'container credentials';
  }
  const files = [
    env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials'),
    env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config'),
  ];
  const file = files.find((path) => fileExists(path));
  if (file) return env['AWS_PROFILE'] ? `profile ${env['AWS_PROFILE']} in ${file}` : file;
  // An EC2 instance role is only visible over the network: let the caller vouch for it.
  if (env['INFRA_ASSUME_INSTANCE_ROLE'] === 'true') return 'instance role';
  return undefined;
}

export const missingCredentialsMessage =
  'infra: no AWS credentials found: set AWS_PROFILE (after `aws configure` or `aws sso login`) or AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY; on an EC2 instance role set INFRA_ASSUME_INSTANCE_ROLE=true.';
