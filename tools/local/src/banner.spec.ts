import { stageConfigs, synthesizeTemplate } from '@items-api/infra';
import { apiRoutes } from '@items-api/contract';
import { banner, routeLines } from './banner';
import type { LocalApi } from './server/local-api';
import { readGatewayConfig } from './template/read-gateway-config';

const gateway = readGatewayConfig(synthesizeTemplate({ stage: 'dev' }), {
  corsOrigins: ['http://localhost:5173'],
});
const api = {
  url: 'http://127.0.0.1:3000',
  docsUrl: 'http://127.0.0.1:3000/docs',
  webUrl: 'http://127.0.0.1:3001',
  dynamodbEndpoint: 'http://127.0.0.1:8000',
  tableName: 'items-local',
  tables: { Items: 'items-local' },
  stackName: 'ItemsApi-dev',
  gateway,
} as unknown as LocalApi;
const args = { port: 3000, inMemory: false, stage: 'dev', watch: true };

describe('the npm start banner', () => {
  it('lists every route of the template: route key → function (auth)', () => {
    const lines = routeLines(gateway);
    expect(lines).toHaveLength(gateway.routes.length);
    for (const route of gateway.routes) {
      const line = lines.find((l) => l.trim().startsWith(`${route.routeKey} `));
      expect(line).toContain(`→ ${route.functionId} (`);
      expect(line).toContain(route.auth === 'jwt' ? '(JWT' : '(public');
    }
    // The contract's public routes need no token.
    const publicRoute = apiRoutes.find((r) => r.auth === 'none');
    expect(lines.find((l) => l.includes(`${publicRoute?.routeKey} `))).toContain('(public)');
  });

  it('shows the routes and the CORS origins, the added one included', () => {
    const text = banner(api, args, 'TOKEN', []);
    for (const line of routeLines(gateway)) expect(text).toContain(line);
    expect(text).toContain(
      `  cors:      ${[...stageConfigs.dev.cors.allowOrigins, 'http://localhost:5173'].join(', ')}`,
    );
  });
});
