import type { Config } from '../../config.js';

/** Single sign-on as the operator configured it (config.ts, OIDC_*). */
export interface SsoSettings {
  issuer: URL;
  clientId: string;
  /** Null for a public client. */
  clientSecret: string | null;
  redirectUrl: URL;
  mode: 'allow' | 'require';
  /** Lower-case emails of the admins who may still use a password in require mode. */
  passwordAdmins: readonly string[];
  provision: 'domains' | 'invites';
  /** Lower-case domains whose people may join on their first sign-in (domains mode). */
  allowedDomains: readonly string[];
  defaultRole: 'member' | 'guest';
  groupsClaim: string;
  scopes: string;
  label: string;
  trustEmail: boolean;
  allowHttp: boolean;
}

/** A configuration the relay refuses to start with; main.ts prints it and exits 1. */
export class SsoConfigError extends Error {}

export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0);

function flag(name: string, value: string): boolean {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw new SsoConfigError(`${name} must be true or false, not "${value}"`);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new SsoConfigError(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function url(name: string, value: string, allowHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new SsoConfigError(`${name} is not a URL: "${value}"`);
  }
  if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:'))
    throw new SsoConfigError(
      `${name} must be an https:// URL (set OIDC_ALLOW_HTTP=true only for a provider on a private network)`,
    );
  return parsed;
}

/**
 * Null when single sign-on is off (no OIDC_ISSUER and no other OIDC_ variable);
 * otherwise the checked settings. Half a configuration is refused rather than run
 * without single sign-on, which people would find out about at the sign-in page.
 */
export function ssoSettings(config: Config): SsoSettings | null {
  const anySet = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET].some(
    (value) => value !== undefined && value !== '',
  );
  if (!anySet) return null;
  const missing = [
    !config.OIDC_ISSUER && 'OIDC_ISSUER',
    !config.OIDC_CLIENT_ID && 'OIDC_CLIENT_ID',
    !config.OIDC_REDIRECT_URL && !config.PUBLIC_URL && 'PUBLIC_URL (or OIDC_REDIRECT_URL)',
  ].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0)
    throw new SsoConfigError(`single sign-on is half configured: set ${missing.join(', ')}`);
  const allowHttp = flag('OIDC_ALLOW_HTTP', config.OIDC_ALLOW_HTTP);
  const redirect =
    config.OIDC_REDIRECT_URL ?? new URL(SSO_CALLBACK_PATH, config.PUBLIC_URL).toString();
  const provision = oneOf('OIDC_PROVISION', config.OIDC_PROVISION, ['domains', 'invites']);
  const allowedDomains = list(config.OIDC_ALLOWED_DOMAINS);
  if (provision === 'domains' && allowedDomains.length === 0)
    throw new SsoConfigError('OIDC_PROVISION=domains needs OIDC_ALLOWED_DOMAINS (a comma list)');
  const mode = oneOf('OIDC_MODE', config.OIDC_MODE, ['allow', 'require']);
  const scopes = config.OIDC_SCOPES.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) throw new SsoConfigError('OIDC_SCOPES must include openid');
  return {
    issuer: url('OIDC_ISSUER', config.OIDC_ISSUER!, allowHttp),
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET || null,
    redirectUrl: url('OIDC_REDIRECT_URL', redirect, allowHttp),
    mode,
    passwordAdmins: list(config.OIDC_PASSWORD_ADMINS),
    provision,
    allowedDomains,
    // Never admin: the provider must not be able to hand out the workspace [SSO7].
    defaultRole: oneOf('OIDC_DEFAULT_ROLE', config.OIDC_DEFAULT_ROLE, ['member', 'guest']),
    groupsClaim: config.OIDC_GROUPS_CLAIM,
    scopes: scopes.join(' '),
    label: config.OIDC_LABEL,
    trustEmail: flag('OIDC_TRUST_EMAIL', config.OIDC_TRUST_EMAIL),
    allowHttp,
  };
}
