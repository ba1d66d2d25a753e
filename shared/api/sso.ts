import { z } from 'zod';

/** `GET /api/auth/sso`: what the sign-in page offers (OPERATIONS.md, "Single sign-on"). */
export const SsoInfo = z.object({
  enabled: z.boolean(),
  /** Passwords are refused but for a few admins: the page shows only the button. */
  required: z.boolean(),
  /** "Sign in with <label>". */
  label: z.string(),
  /** The relay has reached the provider; until then the button says to wait. */
  ready: z.boolean(),
});
export type SsoInfo = z.infer<typeof SsoInfo>;

/** The reasons of `/login?sso_error=...`, in words a person can act on. */
export const SSO_ERROR_TEXT: Record<string, string> = {
  expired: 'That sign-in took too long or was already used. Please try again.',
  mismatch: 'That sign-in was started in another browser. Please start it again here.',
  refused: 'The identity provider did not sign you in.',
  invalid:
    'The identity provider’s answer could not be trusted. Please try again, or ask an admin.',
  not_allowed: 'Your account is not part of this workspace yet. Ask an admin for an invite link.',
  email_unverified:
    'An account with your email exists, but your identity provider has not verified that email.',
  deactivated: 'This account was deactivated.',
  unavailable: 'The identity provider cannot be reached right now. Try again in a minute.',
};
