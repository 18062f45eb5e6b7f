// Test-only OpenID Provider (node-oidc-provider, OpenID certified). Env: OIDC_PORT (required),
// APP_PORT (the relying party under test), OIDC_CLIENT_ID / OIDC_CLIENT_SECRET.
// GET /interaction/:uid logs in the account named by login_hint (default alice) and consents.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const appPort = Number(process.env.APP_PORT ?? 8080);
if (!port) throw new Error('OIDC_PORT is required');
const issuer = `http://127.0.0.1:${port}`;
const ACCOUNTS = {
  alice: { sub: 'alice', email: 'alice@example.test', email_verified: true, given_name: 'Alice', family_name: 'Tester' },
  bob: { sub: 'bob', email: 'bob@example.test', email_verified: false, given_name: 'Bob', family_name: 'Unverified' },
};
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID ?? 'test-client',
    client_secret: process.env.OIDC_CLIENT_SECRET ?? 'test-secret',
    redirect_uris: [`http://127.0.0.1:${appPort}/auth/oidc/callback`],
    response_types: ['code'], grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-only-cookie-key'] },
  responseTypes: ['code'],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
  ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    return ACCOUNTS[id] && { accountId: id, async claims() { return { ...ACCOUNTS[id] }; } };
  },
});

provider.use(async (ctx, next) => {
  if (ctx.method !== 'GET' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
  const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (prompt.name === 'login') {
    result = { login: { accountId: ACCOUNTS[params.login_hint] ? params.login_hint : (process.env.OIDC_ACCOUNT ?? 'alice') } };
  } else if (prompt.name === 'consent') {
    const grant = grantId ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [r, s] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(r, s.join(' '));
    result = { consent: { grantId: await grant.save() } };
  } else ctx.throw(501, `prompt ${prompt.name} not handled`);
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result));
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready ${issuer}`));
