import { findCredentialSource } from './credential-sources';

const probe = (env: Record<string, string>, files: string[] = []) => ({
  env,
  fileExists: (path: string) => files.includes(path),
  home: '/home/dev',
});

describe('findCredentialSource', () => {
  it('finds nothing without variables or shared files', () => {
    expect(findCredentialSource(probe({}))).toBeUndefined();
  });

  it('needs both halves of an access key', () => {
    expect(findCredentialSource(probe({ AWS_ACCESS_KEY_ID: 'AKIA' }))).toBeUndefined();
    expect(
      findCredentialSource(probe({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' })),
    ).toBe('environment variables');
  });

  it('accepts web identity and container credentials', () => {
    expect(
      findCredentialSource(probe({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn' })),
    ).toBe('web identity token');
    expect(findCredentialSource(probe({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2' }))).toBe(
      'container credentials',
    );
  });

  it('accepts the shared config files, naming the profile', () => {
    expect(findCredentialSource(probe({}, ['/home/dev/.aws/config']))).toBe(
      '/home/dev/.aws/config',
    );
    expect(
      findCredentialSource(probe({ AWS_PROFILE: 'team' }, ['/home/dev/.aws/credentials'])),
    ).toBe('profile team in /home/dev/.aws/credentials');
  });

  it('honours AWS_CONFIG_FILE instead of the home directory', () => {
    expect(findCredentialSource(probe({ AWS_CONFIG_FILE: '/etc/aws' }, ['/etc/aws']))).toBe(
      '/etc/aws',
    );
    expect(
      findCredentialSource(probe({ AWS_CONFIG_FILE: '/etc/aws' }, ['/home/dev/.aws/config'])),
    ).toBeUndefined();
  });

  it('trusts an instance role only when told to', () => {
    expect(findCredentialSource(probe({ INFRA_ASSUME_INSTANCE_ROLE: 'true' }))).toBe(
      'instance role',
    );
  });
});
