// A module resolve hook (Node's documented `module.register` customization hooks) that the
// runtime registers in each execution environment: a bare import the function's own folders
// cannot satisfy is looked up in the `NODE_PATH` folders, in order — the layers'
// `nodejs/nodeNN/node_modules` and `nodejs/node_modules`, then the runtime's AWS SDK — as
// `require` does through `NODE_PATH` (which `import` ignores).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `node_modules` folders, in the order they are searched. */
let paths = [];

export function initialize(data) {
  paths = Array.isArray(data?.paths) ? data.paths : [];
}

/** `pkg` or `@scope/pkg` and nothing else: relative, absolute, URL and `#` imports are not. */
const packageOf = (specifier) => {
  if (/^(\.|\/|#|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const name = packageOf(specifier);
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !name) throw error;
    const dir = paths.find((modules) => existsSync(join(modules, name)));
    if (!dir) throw error;
    // Resolved as if imported from a file beside the folder: its `node_modules` is searched first.
    const parentURL = pathToFileURL(join(dirname(dir), 'index.js')).href;
    return nextResolve(specifier, { ...context, parentURL });
  }
}
