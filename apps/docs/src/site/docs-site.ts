import { ContentTypes } from '@items-api/contract';
import openApiDocument from '@items-api/contract/openapi.json';
import { loadAssets, toResource, type Resource } from './asset-files';
import { renderDocsPage } from './docs-page';

/** Everything the docs function serves, read and hashed once at cold start. */
export type DocsSite = {
  readonly page: Resource;
  readonly openApi: Resource;
  readonly assets: ReadonlyMap<string, Resource>;
};

export function loadDocsSite(): DocsSite {
  const assets = loadAssets();
  const page = renderDocsPage({ title: `${openApiDocument.info.title} docs`, assets });
  return {
    page: toResource('text/html; charset=utf-8', Buffer.from(page)),
    openApi: toResource(ContentTypes.json, Buffer.from(JSON.stringify(openApiDocument))),
    assets,
  };
}
