import type { Resource } from 'solid-js';

/**
 * A resource's value, or undefined while loading or failed. Reading a failed Solid
 * resource directly throws, so views read it through this and show resourceError().
 */
export function resourceValue<T>(resource: Resource<T>): T | undefined {
  return resource.error === undefined ? resource() : undefined;
}

export function resourceError(resource: Resource<unknown>): string | null {
  const error: unknown = resource.error;
  if (error === undefined) return null;
  return error instanceof Error ? error.message : 'Could not load this.';
}
