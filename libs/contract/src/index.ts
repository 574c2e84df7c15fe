export * from './lib/headers';
export * from './lib/problem';
export * from './lib/item-schemas';
export * from './lib/pagination';
export * from './lib/route-metadata';
export * from './lib/items-contract';
export * from './lib/docs-contract';
export * from './lib/routes';
