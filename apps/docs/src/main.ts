// Lambda entry: only wiring. The page, the document and the assets are read once, at cold start.
import { createDocsHandler } from './http/docs-handler';
import { loadDocsSite } from './site/docs-site';

export const handler = createDocsHandler(loadDocsSite());
