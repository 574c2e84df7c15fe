import type { Integration } from './invoke';

// Until the docs function lands, its routes answer like an unimplemented integration.
export const docsIntegration: Integration = async () => ({
  statusCode: 501,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'docs function not built yet' }),
});
