/**
 * The relay as an OpenID Connect client, through openid-client (v6): discovery,
 * the authorization URL with state, nonce and PKCE (S256), and the authorization
 * code grant, which checks state, the ID token's issuer, audience, expiry and nonce,
 * and sends the PKCE verifier. ID token signatures are checked too
 * (enableNonRepudiationChecks): openid-client skips them by default because TLS
 * already authenticates the token endpoint, but a relay allowed plain http to its
 * provider, or behind an intercepting proxy, must not trust the channel alone [SSO4].
 *
 * Discovery runs at start and again until it succeeds: a provider that is down when
 * the relay starts must not stop the relay (passwords and offline work go on); single
 * sign-on answers 503 meanwhile [SSO1].
 */
import * as oidc from 'openid-client';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { SsoSettings } from './sso-settings.js';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** The claims a sign-in produced, already checked. */
export type SignInClaims = Record<string, unknown> & { iss: string; sub: string };

export interface Authorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class IdentityProvider {
  private config: oidc.Configuration | null = null;
  private cancelRetry: (() => void) | null = null;
  private stopped = false;
  /** Settles when discovery first succeeds (never rejects). */
  readonly discovered: Promise<void>;
  private resolveDiscovered: () => void = () => {};

  constructor(
    private readonly settings: SsoSettings,
    private readonly deps: { clock: Clock; log: Logger },
  ) {
    this.discovered = new Promise((resolve) => (this.resolveDiscovered = resolve));
    void this.discover(FIRST_RETRY_MS);
  }

  get ready(): boolean {
    return this.config !== null;
  }

  private async discover(retryMs: number): Promise<void> {
    if (this.stopped) return;
    const { issuer, clientId, clientSecret, allowHttp } = this.settings;
    try {
      const config = await oidc.discovery(
        issuer,
        clientId,
        clientSecret ?? undefined,
        clientSecret ? undefined : oidc.None(),
        { execute: allowHttp ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      );
      oidc.enableNonRepudiationChecks(config);
      if (this.stopped) return;
      this.config = config;
      this.deps.log.info('single sign-on ready', { issuer: issuer.href });
      this.resolveDiscovered();
    } catch (error) {
      if (this.stopped) return;
      this.deps.log.warn('single sign-on: provider discovery failed; retrying', {
        issuer: issuer.href,
        retryInMs: retryMs,
        error,
      });
      this.cancelRetry = this.deps.clock.setTimeout(
        () => void this.discover(Math.min(retryMs * 2, MAX_RETRY_MS)),
        retryMs,
      );
    }
  }

  private configuration(): oidc.Configuration {
    if (!this.config) throw new Error('single sign-on is not ready');
    return this.config;
  }

  async authorize(): Promise<Authorization> {
    const config = this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code in `callback` (the redirect URL with the provider's query) and
   * returns the checked claims: the ID token's, completed by the userinfo endpoint's
   * where the ID token lacks them (some providers put email and groups only there).
   */
  async finish(
    callback: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignInClaims> {
    const config = this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the provider sent no ID token');
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      // Bound to the ID token's subject: openid-client refuses another person's answer.
      userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
    }
    return { ...userinfo, ...idToken };
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry?.();
  }
}
