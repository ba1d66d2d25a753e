/**
 * A browser as far as single sign-on needs one: a cookie jar and redirects followed
 * by hand, so that a test can stop at the provider's redirect back to the relay and
 * deliver that callback as it likes (twice, late, from another browser). Cookies are
 * kept by name, as browsers do per host; the relay and the provider use different names.
 */
export class SsoBrowser {
  readonly cookies = new Map<string, string>();

  async request(method: string, url: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Where a redirect answer points, resolved against the URL that answered. */
  static location(response: Response, from: string): string {
    const location = response.headers.get('location');
    if (!location || response.status < 300 || response.status >= 400)
      throw new Error(`expected a redirect from ${from}, got ${response.status}`);
    return new URL(location, from).href;
  }

  /** Follows redirects from `url` until `stop(url)` says so, or a page that is not a redirect. */
  async follow(
    url: string,
    stop: (url: string) => boolean,
  ): Promise<{ url: string; response: Response | null }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      if (stop(current)) return { url: current, response: null };
      const response = await this.request('GET', current);
      if (response.status < 300 || response.status >= 400) return { url: current, response };
      await response.body?.cancel();
      current = SsoBrowser.location(response, current);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /**
   * Starts a sign-in at the relay and signs in at the provider as `login` (unless the
   * provider already knows this browser), and returns the provider's redirect back
   * to the relay (the callback URL with code and state), not yet followed; and the
   * authorization URL the relay sent the browser to.
   */
  async toCallback(
    relayUrl: string,
    login: string,
    query: Record<string, string> = {},
    /** The relay's PUBLIC_URL, where the provider sends the browser back. */
    publicUrl = relayUrl,
  ): Promise<{ callback: string; authorization: string }> {
    const start = `${relayUrl}/api/auth/sso/start?${new URLSearchParams(query)}`;
    const started = await this.request('GET', start);
    const authorization = SsoBrowser.location(started, start);
    const isCallback = (url: string) => url.startsWith(`${publicUrl}/api/auth/sso/callback`);
    let step = await this.follow(authorization, isCallback);
    if (step.response) {
      const page = await step.response.text();
      if (!/name="login"/.test(page))
        throw new Error(`no login form at ${step.url}: ${page.slice(0, 300)}`);
      const posted = await this.request('POST', step.url, {
        prompt: 'login',
        login,
        password: 'any password',
      });
      step = await this.follow(SsoBrowser.location(posted, step.url), isCallback);
      if (step.response)
        throw new Error(`the provider stopped at ${step.url} (${step.response.status})`);
    }
    return { callback: step.url, authorization };
  }

  /**
   * Delivers a callback, to `relayUrl` when given (as a load balancer in front of
   * several relays would); returns where the relay sent the browser next.
   */
  async deliver(callback: string, relayUrl?: string): Promise<string> {
    const target = new URL(callback);
    if (relayUrl) {
      const relay = new URL(relayUrl);
      target.host = relay.host;
      target.protocol = relay.protocol;
    }
    const response = await this.request('GET', target.href);
    await response.body?.cancel();
    return SsoBrowser.location(response, target.href);
  }

  /** A whole sign-in; returns where the relay sent the browser at the end. */
  async signIn(
    relayUrl: string,
    login: string,
    query: Record<string, string> = {},
    publicUrl = relayUrl,
  ): Promise<string> {
    const { callback } = await this.toCallback(relayUrl, login, query, publicUrl);
    return this.deliver(callback, relayUrl);
  }

  get session(): string | undefined {
    return this.cookies.get('ws_session');
  }
}
