import { randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import Provider, { type ClientMetadata } from "oidc-provider";

// A real OpenID provider (panva's certified oidc-provider) on 127.0.0.1, for the SSO tests in vitest and Playwright.
// Its own tiny sign-in page stands in for the company's: a field "Account" takes the subject and "Sign in" signs in;
// consent is granted (a first-party client). Hooks let a test change one claim of the issued ID token and re-sign it
// with the provider's own published key (a wrong audience, an expired token), or sign it with an unpublished key.

export interface IdpAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Subject → claims; tests add and change accounts at any time. */
  accounts: Map<string, IdpAccount>;
  hooks: {
    tamper?: (claims: JWTPayload) => JWTPayload;
    signWith?: { kid: string; privateKey: CryptoKey };
    /** How many token responses carried an ID token (proves a refused sign-in got as far as a real token). */
    tokenResponses: number;
  };
  close(): Promise<void>;
}

const html = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>${body}</body></html>`;

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** `redirectUris`: the app's callbacks this client may return to (/api/auth/callback/sso-<companyId>). */
export async function startTestIdp(options: { redirectUris: string[]; port?: number }): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "idp-key", alg: "RS256", use: "sig" };
  const server = http.createServer();
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = `app-${randomBytes(4).toString("hex")}`;
  const clientSecret = randomBytes(24).toString("base64url");
  const accounts = new Map<string, IdpAccount>();
  const client: ClientMetadata = {
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: options.redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
  };

  const provider = new Provider(issuer, {
    clients: [client],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A first-party client: consent is granted for what it asks.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
  });
  // A Node 20 test run: the provider prefers the current LTS and says so once; it works here.
  const hooks: TestIdp["hooks"] = { tokenResponses: 0 };
  // Registered before provider.callback(): Koa composes the chain there, and a later use() would be ignored.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || ctx.status !== 200 || !body?.id_token) return;
    hooks.tokenResponses++;
    if (!hooks.tamper && !hooks.signWith) return;
    const key = hooks.signWith ?? { kid: jwk.kid, privateKey };
    const claims = decodeJwt(body.id_token);
    body.id_token = await new SignJWT(hooks.tamper ? hooks.tamper(claims) : claims)
      .setProtectedHeader({ alg: "RS256", kid: key.kid })
      .sign(key.privateKey);
  });
  const callback = provider.callback();

  server.on("request", (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", issuer);
      const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
      if (!match) return callback(req, res);
      if (req.method === "GET" && !match[2]) {
        await provider.interactionDetails(req, res); // 4xx if the interaction is unknown or expired
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          html(
            `<h1>Company sign-in</h1><form method="post" action="/interaction/${match[1]}/login">` +
              `<label for="sub">Account</label> <input id="sub" name="sub" autocomplete="off" required>` +
              `<button type="submit">Sign in</button></form>`,
          ),
        );
        return;
      }
      if (req.method === "POST" && match[2]) {
        const sub = (await formBody(req)).get("sub") ?? "";
        if (!accounts.has(sub)) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(html(`<p role="alert">Unknown account</p>`));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(405).end();
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
      res.end(String((error as Error).message));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    hooks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
