import type { StartArgs } from './cli-args';
import type { LocalApi } from './server/local-api';

/** Node's default inspector port: what `.vscode/launch.json` and `chrome://inspect` look at. */
export const DEBUG_PORT = 9229;

const AUTH_LABELS = { jwt: 'JWT', lambda: 'Lambda authorizer', none: 'public' } as const;

/** One line per route of the served API: route key → function (auth, authorizer). */
export function routeLines(gateway: LocalApi['gateway']): string[] {
  const width = Math.max(0, ...gateway.routes.map((r) => r.routeKey.length));
  return gateway.routes.map((r) => {
    const authorizer = r.auth !== 'none' && r.authorizerId ? ` ${r.authorizerId}` : '';
    const scopes = r.scopes?.length ? `, ${r.scopes.join(' ')}` : '';
    return `    ${r.routeKey.padEnd(width)} → ${r.functionId} (${AUTH_LABELS[r.auth]}${authorizer}${scopes})`;
  });
}

/** What `npm start` prints once the API answers. */
export function banner(
  api: LocalApi,
  args: Pick<StartArgs, 'port' | 'inMemory' | 'stage' | 'assembly' | 'watch'> &
    Partial<Pick<StartArgs, 'inspect'>>,
  token: string,
  others: string[],
): string {
  const portFlag = args.port === 3000 ? '' : ` --port ${args.port}`;
  const storage = args.inMemory ? 'in memory' : 'data in .local-data';
  const tables = Object.values(api.tables);
  const dynamodb = tables.length
    ? [`  dynamodb:  ${api.dynamodbEndpoint} (table ${tables.join(', ')}, ${storage})`]
    : [];
  const reload = args.watch ? ['  reload:    on (code changes start new environments)'] : [];
  const origins = api.gateway.cors.allowOrigins;
  const cors = origins.length ? [`  cors:      ${origins.join(', ')}`] : [];
  const routes = ['  routes:', ...routeLines(api.gateway)];
  const debug = args.inspect
    ? [`  debugger:  127.0.0.1:${DEBUG_PORT} and on (one port per function, see its log line)`]
    : [];
  if (args.assembly !== undefined) {
    return [
      `${api.stackName} (from ${args.assembly}) at ${api.url}`,
      ...routes,
      ...dynamodb,
      ...cors,
      ...reload,
      ...debug,
      `  token:     npm run token -- --sub alice${portFlag}`,
      `  export TOKEN=${token}`,
      ...others,
      '',
      'Ctrl-C stops the server.',
    ].join('\n');
  }
  return [
    `Items API (stage ${args.stage}) at ${api.url}`,
    `  docs:      ${api.docsUrl}`,
    ...(api.webUrl ? [`  web:       ${api.webUrl}`] : []),
    ...dynamodb,
    ...cors,
    ...reload,
    ...debug,
    `  token:     npm run token -- --sub alice${portFlag}`,
    ...routes,
    '',
    'Try it:',
    `  export TOKEN=${token}`,
    `  curl -s -X POST ${api.url}/items -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"name":"First item"}'`,
    `  curl -s ${api.url}/items -H "authorization: Bearer $TOKEN"`,
    '',
    'Ctrl-C stops the server and DynamoDB Local.',
  ].join('\n');
}
