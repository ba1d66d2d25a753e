/**
 * Where to go after signing in: the `next` query value when it is a path on this
 * origin, else Home. `//evil.example` and `https://…` are refused (open redirect).
 */
export function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  return value;
}
