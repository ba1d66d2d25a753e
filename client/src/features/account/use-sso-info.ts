import { createResource, type Resource } from 'solid-js';
import type { SsoInfo } from '../../../../shared/api/sso.js';
import { useApi } from '../../auth/session-context.js';

/**
 * Whether the relay offers single sign-on. Offline or on error: null, and the page
 * shows the password form, as before single sign-on existed.
 */
export function useSsoInfo(): Resource<SsoInfo | null> {
  const api = useApi();
  const [info] = createResource(() => api.ssoInfo().catch(() => null));
  return info;
}
