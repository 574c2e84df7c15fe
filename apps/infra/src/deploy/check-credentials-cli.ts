// `nx deploy|diff|destroy infra` run this first: without credentials they stop here, with one
// line, instead of a CDK stack trace after a network timeout.
import { findCredentialSource, missingCredentialsMessage } from './credential-sources';

const source = findCredentialSource();
if (source) {
  console.log(`infra: AWS credentials from ${source}`);
} else {
  console.error(missingCredentialsMessage);
  process.exitCode = 1;
}
