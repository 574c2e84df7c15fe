// Bundled in place of `@aws-sdk/credential-provider-node` (see the `alias` in project.json).
// Lambda gives a function its execution role's credentials in AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN ("Defined runtime environment variables", AWS Lambda
// Developer Guide), so the SDK's default chain — SSO, shared ini files, process, IMDS, STS web
// identity and their nested clients, about a third of the bundle — can never be reached there.
// Local endpoints pass explicit credentials (createDocumentClient).
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
