import contractPackageJson from '../../package.json';

/** The contract's package.json: its version is the API version in the OpenAPI document. */
export const contractPackage: { name: string; version: string } = contractPackageJson;
