import type { Resource } from './asset-files';
import { contentSecurityPolicy } from './content-security-policy';

/** URL base of the assets, relative so it works under a stage path (`/prod/docs`) and from disk. */
export const assetsPath = 'docs';
/** Where the page fetches the document from when it is served by the API. */
const openApiPath = 'openapi.json';

export type DocsPageOptions = {
  readonly title: string;
  readonly assets: ReadonlyMap<string, Resource>;
  /** Static copy only: the document, embedded so the page works from `file://` (no fetch there). */
  readonly embeddedDocument?: unknown;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

// A JSON data block is not executed, so the CSP allows it; `<` is escaped so it cannot end the tag.
const jsonDataBlock = (id: string, value: unknown) =>
  `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;

/** The HTML shell Swagger UI renders into; the same page is served at `/docs` and written by `docs:static`. */
export function renderDocsPage({ title, assets, embeddedDocument }: DocsPageOptions): string {
  const url = (name: string) => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`docs page links a missing asset: ${name}`);
    return `${assetsPath}/${name}?v=${asset.hash}`;
  };
  const csp =
    embeddedDocument === undefined
      ? ''
      : `\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('meta')}" />`;
  const document =
    embeddedDocument === undefined
      ? ''
      : `\n    ${jsonDataBlock('openapi-document', embeddedDocument)}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />${csp}
    <title>${escapeHtml(title)}</title>
    <link rel="icon" type="image/png" href="${url('favicon-32x32.png')}" />
    <link rel="stylesheet" href="${url('swagger-ui.css')}" />
  </head>
  <body>
    <div id="swagger-ui" data-openapi-url="${openApiPath}"></div>${document}
    <script src="${url('swagger-ui-bundle.js')}"></script>
    <script src="${url('docs-init.js')}"></script>
  </body>
</html>
`;
}
