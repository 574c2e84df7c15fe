import { parseRuntimeConfig } from './web-runtime-config';

const valid = {
  apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
  auth: {
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
    authorizationEndpoint: 'https://items.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
    tokenEndpoint: 'https://items.auth.eu-west-1.amazoncognito.com/oauth2/token',
    logoutEndpoint: 'https://items.auth.eu-west-1.amazoncognito.com/logout',
    revocationEndpoint: 'https://items.auth.eu-west-1.amazoncognito.com/oauth2/revoke',
    clientId: 'abc123',
    scopes: ['openid', 'items/read', 'items/write'],
  },
};

describe('parseRuntimeConfig', () => {
  it('accepts a complete config', () => {
    expect(parseRuntimeConfig(valid)).toEqual(valid);
  });

  it('names every missing or malformed setting', () => {
    expect(() =>
      parseRuntimeConfig({
        apiUrl: 'not a url',
        auth: { ...valid.auth, revocationEndpoint: 'revoke', clientId: '' },
      }),
    ).toThrow('config.json: missing or invalid apiUrl, auth.revocationEndpoint, auth.clientId');
    expect(() => parseRuntimeConfig(undefined)).toThrow(/apiUrl, auth.issuer/);
  });
});
