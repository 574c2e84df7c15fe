// Starts Swagger UI on the docs page. A file, not an inline script, so the CSP can forbid inline code.
/* global SwaggerUIBundle */
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  var embedded = document.getElementById('openapi-document');
  var isRelative = function (url) {
    return !/^[a-z][a-z0-9+.-]*:/i.test(url);
  };
  // The API's root as seen from this page (`/docs` sits at the root, under any stage path).
  var apiRoot = new URL('.', window.location.href).href.replace(/\/$/, '');

  // Served by the API (local server or a stage): a relative server such as "/" means "where this
  // page came from", stage path included, so "try it" calls the same origin and stage.
  // Static copy (document embedded): this page's host is not the API, so relative servers are
  // dropped and the stage URL template (apiId, region) becomes the default.
  function adjustServers(spec) {
    var servers = spec.servers || [];
    spec.servers = embedded
      ? servers.filter(function (server) {
          return !isRelative(server.url);
        })
      : servers.map(function (server) {
          if (!isRelative(server.url)) return server;
          var url = apiRoot + '/' + server.url.replace(/^\/+|\/+$/g, '');
          return Object.assign({}, server, { url: url.replace(/\/$/, '') });
        });
    return spec;
  }

  function ServersPlugin() {
    return {
      statePlugins: {
        spec: {
          wrapActions: {
            updateJsonSpec: function (original) {
              return function (spec) {
                return original(adjustServers(spec));
              };
            },
          },
        },
      },
    };
  }

  var config = {
    domNode: root,
    layout: 'BaseLayout',
    plugins: [ServersPlugin],
    deepLinking: true,
    displayOperationId: true,
    // The public validator badge would call a third-party host: the page must work offline.
    validatorUrl: null,
  };
  if (embedded) config.spec = JSON.parse(embedded.textContent);
  else config.url = root.getAttribute('data-openapi-url');
  window.ui = SwaggerUIBundle(config);
})();
