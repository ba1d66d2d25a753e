import { z } from 'zod';

export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A person's HTTP client for the relay's API: keeps the cookies the relay sets (the
 * session and the known-device proof), as a browser would, or sends a bearer token,
 * as a script would. Cookie paths are ignored: every cookie goes with every call.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly bearer: string | null = null,
  ) {}

  get sessionCookie(): string | null {
    const session = this.cookies.get('ws_session');
    return session ? `ws_session=${session}` : null;
  }

  /** Drops every cookie but `keep`, like another browser that has only those. */
  forgetCookies(keep: string[] = []): void {
    for (const name of [...this.cookies.keys()])
      if (!keep.includes(name)) this.cookies.delete(name);
  }

  /** Sets one cookie, e.g. a session a browser got through single sign-on. */
  setCookie(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  /** Copies one cookie from another client, e.g. a known-device proof. */
  copyCookie(from: ApiClient, name: string): void {
    const value = from.cookies.get(name);
    if (value === undefined) throw new Error(`no ${name} cookie to copy`);
    this.cookies.set(name, value);
  }

  /** A GET whose answer is not JSON (a CSV, a ZIP, a file): status, headers and bytes. */
  async download(path: string): Promise<ApiResult<Uint8Array>> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      },
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, body, headers: response.headers };
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  }

  /** Calls and parses a 2xx answer with `schema`; anything else throws with the body. */
  async ok<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    const result = await this.call(method, path, body);
    if (result.status >= 300) {
      throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
    }
    return schema.parse(result.body);
  }

  /** A short-lived access token for WebSockets, from this client's session. */
  async token(): Promise<string> {
    const { token } = await this.ok(z.object({ token: z.string() }), 'POST', '/auth/token');
    return token;
  }
}
