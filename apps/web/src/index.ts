// What other projects use of the web app: the runtime config the deploy and `npm start` write.
export { parseRuntimeConfig, RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from './runtime-config';
export {
  buildWebApp,
  bundleWebApp,
  nodeOnlyImports,
  webDistDir,
  type WebAppFiles,
} from './build/build-web-app';
