// What other projects use of the web app: the runtime config the deploy and `npm start` write.
// The build (esbuild) is `@items-api/web/build`, so importing this stays light.
export { parseRuntimeConfig, RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from './runtime-config';
