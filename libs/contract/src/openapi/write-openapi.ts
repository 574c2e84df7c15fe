// `nx run contract:openapi`: regenerates the committed libs/contract/openapi.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument, serializeOpenApi } from './generate-openapi';
import { contractPackage } from './contract-package';

const target = join(__dirname, '..', '..', 'openapi.json');
writeFileSync(target, serializeOpenApi(generateOpenApiDocument(contractPackage.version)));
console.log(`wrote ${target}`);
