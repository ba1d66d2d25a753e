import type { z } from 'zod';
import { ApiError } from '../../../shared/api/schemas.js';
import { ApiFailure } from './api-failure.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends one request to the relay's API; passed to createApi so it can be replaced. */
export type ApiRequest = <S extends z.ZodType>(
  method: HttpMethod,
  path: string,
  schema: S,
  body?: unknown,
) => Promise<z.infer<S>>;

/**
 * The one place the client talks HTTP to the relay: same origin, JSON both ways, the
 * session cookie sent by the browser. Responses are parsed with the shared schemas, so
 * a relay that answers something else fails loudly here instead of deep in the UI.
 */
export function createApiRequest(
  fetcher: typeof fetch,
  base = '/api',
  /** Sees every successful response's headers (e.g. the directory digest of GET /rooms). */
  onHeaders?: (method: HttpMethod, path: string, headers: Headers) => void,
): ApiRequest {
  return async (method, path, schema, body) => {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        headers:
          body === undefined
            ? { Accept: 'application/json' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      // fetch only rejects when no response arrived at all.
      throw ApiFailure.offline();
    }
    const json = await readJson(response);
    if (!response.ok) {
      const error = ApiError.safeParse(json);
      if (error.success) throw new ApiFailure(response.status, error.data.code, error.data.message);
      // A proxy or the service worker answered instead of the relay.
      if (response.status >= 502 && response.status <= 504) throw ApiFailure.offline();
      throw new ApiFailure(response.status, 'http_error', `The relay answered ${response.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiFailure(response.status, 'bad_response', 'The relay sent an unexpected answer.');
    }
    onHeaders?.(method, path, response.headers);
    return parsed.data;
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
