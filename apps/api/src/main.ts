// Lambda entry: only wiring. Config and clients are built once, at cold start.
import { loadConfig } from './config';
import { createItemsHandler } from './create-handler';
import { createDependencies } from './dependencies';

export const handler = createItemsHandler(createDependencies(loadConfig(process.env)));
