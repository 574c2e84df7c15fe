import { toResource } from './asset-files';
import { renderDocsPage } from './docs-page';

const assets = new Map(
  ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'docs-init.js'].map((name) => [
    name,
    toResource('text/plain', Buffer.from(name)),
  ]),
);

describe('docs page', () => {
  it('escapes the title', () => {
    const html = renderDocsPage({ title: '<b>"Items" & co</b>', assets });

    expect(html).toContain('<title>&#60;b&#62;&#34;Items&#34; &#38; co&#60;/b&#62;</title>');
  });

  it('fetches the document when served and carries no CSP of its own (the header has it)', () => {
    const html = renderDocsPage({ title: 'Items API', assets });

    expect(html).toContain('data-openapi-url="openapi.json"');
    expect(html).not.toContain('openapi-document');
    expect(html).not.toContain('http-equiv');
  });

  it('embeds the document for the static copy so it cannot end its own script tag', () => {
    const html = renderDocsPage({
      title: 'Items API',
      assets,
      embeddedDocument: { info: { description: '</script><script>alert(1)</script>' } },
    });

    const block = /<script type="application\/json" id="openapi-document">(.*?)<\/script>/.exec(
      html,
    );
    expect(JSON.parse(block?.[1] ?? '')).toEqual({
      info: { description: '</script><script>alert(1)</script>' },
    });
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('gives the static copy a CSP meta tag that lets "try it" reach a stage or the local server', () => {
    const html = renderDocsPage({ title: 'Items API', assets, embeddedDocument: {} });

    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="[^"]*connect-src https: /);
    expect(html).not.toContain('frame-ancestors');
  });

  it('refuses to link an asset it does not have', () => {
    expect(() => renderDocsPage({ title: 'x', assets: new Map() })).toThrow(/missing asset/);
  });
});
