/** Everything the suite needs to know about the API under test. */
export type SmokeTarget = {
  /** The API's base URL. */
  readonly apiUrl: string;
  /** The web app's origin: the CORS preflight comes from it. */
  readonly webOrigin: string;
  /** Where tokens come from: a known token endpoint, or an issuer to discover it from. */
  readonly tokens:
    | { readonly issuer: string; readonly tokenEndpoint: string }
    | { readonly issuer: string; readonly discover: true };
  readonly client: { readonly id: string; readonly secret: string };
};

/** The target given on the command line (`--url …`). */
export const urlTarget = (args: {
  url: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  origin: string;
}): SmokeTarget => ({
  apiUrl: args.url,
  webOrigin: args.origin,
  tokens: { issuer: args.issuer, discover: true },
  client: { id: args.clientId, secret: args.clientSecret },
});
