// What the items function and the stack that deploys it agree on, and nothing else.
export { TableLayout } from './table-layout';
