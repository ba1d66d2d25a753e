import { z } from 'zod';

export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A person's HTTP client for the relay's API: keeps the session cookie the relay
 * sets, as a browser would, or sends a bearer token, as a script would.
 */
export class ApiClient {
  private cookie: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly bearer: string | null = null,
  ) {}

  get sessionCookie(): string | null {
    return this.cookie;
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? null : pair;
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
