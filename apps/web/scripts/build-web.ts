// `nx run web:build`: the web app as static files in dist/apps/web (no config.json: the deploy
// or `npm start` provides it), with esbuild's metafile for the bundle checks.
import { buildWebApp } from '../src/build/build-web-app';

buildWebApp().then(
  ({ outDir, bytes }) =>
    console.log(`web app → ${outDir} (app.js ${(bytes / 1024).toFixed(1)} KB)`),
  (error: Error) => {
    console.error(`web build failed: ${error.message}`);
    process.exit(1);
  },
);
