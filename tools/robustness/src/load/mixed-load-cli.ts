// `npm run bench -- --only load` runs this in a process of its own: the mixed load on the local
// server, its result as one JSON line on stdout (the last line written).
import { defaultMixedLoad, runMixedLoad } from './mixed-load';

runMixedLoad(defaultMixedLoad).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: Error) => {
    process.stderr.write(`mixed load failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
