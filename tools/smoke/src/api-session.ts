import { createResponseValidator, type OpenApiDocument } from '@items-api/openapi-check';

const httpMethods = ['get', 'head', 'post', 'put', 'delete', 'patch'] as const;

/** One operation of the document: how to call it. */
export type DocumentedOperation = {
  readonly operationId: string;
  readonly method: string;
  /** `/items/{id}` */
  readonly pathTemplate: string;
};

/** Every operation the document declares, by `operationId`. */
export function documentedOperations(document: OpenApiDocument): Map<string, DocumentedOperation> {
  const operations = new Map<string, DocumentedOperation>();
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    for (const method of httpMethods) {
      const operation = item[method] as { operationId?: string } | undefined;
      if (operation?.operationId) {
        operations.set(operation.operationId, {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          pathTemplate,
        });
      }
    }
  }
  return operations;
}

export type CallOptions = {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly token?: string;
  readonly json?: unknown;
};

/** A response as received, with how it departs from the document (empty: it keeps it). */
export type Exchange = {
  readonly operationId: string;
  /** `GET /items/{id}` */
  readonly label: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  readonly violations: readonly string[];
};

/** How long one request may take before the check fails rather than the run hanging. */
const requestTimeoutMs = 20_000;

/**
 * Calls the API by `operationId` (method and path from the document, so a renamed path cannot
 * drift from the suite) and checks each answer against the document with the project's
 * independent validator.
 */
export function createApiSession(apiUrl: string, document: OpenApiDocument) {
  const operations = documentedOperations(document);
  const validator = createResponseValidator(document);
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const basePath = base.pathname.replace(/\/$/, '');

  const urlOf = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  };

  return {
    operations,
    /** An absolute URL of the API, for requests outside the document (CORS preflight). */
    urlOf,
    async call(operationId: string, options: CallOptions = {}): Promise<Exchange> {
      const operation = operations.get(operationId);
      if (!operation) throw new Error(`openapi.json has no operation ${operationId}`);
      const path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = options.params?.[name];
        if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
        return encodeURIComponent(value);
      });
      const url = urlOf(path, options.query);
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.json !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url, {
        method: operation.method,
        headers,
        ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const body = await response.text();
      const violations =
        validator.check({
          method: operation.method,
          // The document's paths are relative to the API's base (a stage path, if any).
          url: `${url.pathname.slice(basePath.length)}${url.search}`,
          status: response.status,
          headers: response.headers,
          body,
        }) ?? [];
      return {
        operationId,
        label: `${operation.method} ${operation.pathTemplate}`,
        status: response.status,
        headers: response.headers,
        body,
        violations,
      };
    },
  };
}

export type ApiSession = ReturnType<typeof createApiSession>;
