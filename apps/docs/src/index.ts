export { handler } from './main';
export { createDocsHandler, type DocsHandler } from './http/docs-handler';
export { loadDocsSite, type DocsSite } from './site/docs-site';
export { writeStaticSite } from './site/static-site';
