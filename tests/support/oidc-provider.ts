/**
 * A real OpenID Connect provider for tests: oidc-provider (the certified Node
 * implementation) on a real port, behind a small HTTP front on another port whose
 * address is the issuer. The front passes every request through unchanged, except
 * that a test may rewrite what the token endpoint answers (`tamper`), which is how a
 * forged or misdirected ID token reaches the relay over a real connection.
 *
 * Order of start: `startOidcFront()` first (it knows the issuer URL the relays need),
 * then the relays, then `front.start(redirectUris)` with their callback URLs. Relays
 * started before the provider keep retrying discovery until it answers [SSO1].
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext } from 'oidc-provider';

export interface TestAccount {
  /** What one types at the provider's login form; also the subject. */
  login: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export const RELAY_CLIENT = { id: 'workspace', secret: 'workspace-secret-0123456789abcdef' };
/** Another application of the same provider, for tokens meant for someone else. */
export const OTHER_CLIENT = {
  id: 'other-app',
  secret: 'other-secret-0123456789abcdef',
  redirect: 'http://127.0.0.1:9/other/callback',
};

export interface OidcFront {
  issuer: string;
  /** People the provider knows, by login; change them between sign-ins. */
  accounts: Map<string, TestAccount>;
  /** Rewrites the token endpoint's JSON answer on its way to the relay; null: unchanged. */
  tamper: ((body: Record<string, unknown>) => Record<string, unknown>) | null;
  /** Starts the provider behind the front, accepting these redirect URIs for the relay. */
  start(redirectUris: string[]): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startOidcFront(): Promise<OidcFront> {
  const accounts = new Map<string, TestAccount>();
  let backend: { server: Server; port: number } | null = null;
  const front: OidcFront = {
    issuer: '',
    accounts,
    tamper: null,
    async start(redirectUris) {
      const provider = new Provider(front.issuer, configuration(accounts, redirectUris));
      const server = createServer(provider.callback());
      backend = { server, port: await listen(server) };
    },
    async stop() {
      await close(frontServer);
      if (backend) await close(backend.server);
    },
  };
  const frontServer = createServer((req, res) => {
    if (!backend) {
      res.writeHead(503).end('provider not started yet');
      return;
    }
    forward(req, res, backend.port, front);
  });
  front.issuer = `http://127.0.0.1:${await listen(frontServer)}`;
  return front;
}

function forward(req: IncomingMessage, res: ServerResponse, port: number, front: OidcFront) {
  const upstream = httpRequest(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      const tamper = front.tamper;
      if (!tamper || !req.url?.startsWith('/token') || answer.statusCode !== 200) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = JSON.stringify(
          tamper(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>),
        );
        const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
        res.writeHead(200, headers).end(body);
      });
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

function configuration(accounts: Map<string, TestAccount>, redirectUris: string[]) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [
      {
        client_id: RELAY_CLIENT.id,
        client_secret: RELAY_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: OTHER_CLIENT.id,
        client_secret: OTHER_CLIENT.secret,
        redirect_uris: [OTHER_CLIENT.redirect],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // PKCE for every client, as the relay always sends it.
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
          groups: account.groups,
        }),
      });
    },
    // No consent screen: the provider's own apps are trusted, as in most workplaces.
    async loadExistingGrant(ctx: ProviderContext) {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };
}
