/**
 * `col = $n, ...` for the fields given, numbered from `first`. Only `allowed`
 * columns: the keys become SQL, so an unexpected one is refused, not interpolated.
 * Fields whose value is undefined are left out. Null when nothing is to be set.
 */
export function setClause<K extends string>(
  fields: Partial<Record<K, unknown>>,
  allowed: readonly K[],
  first: number,
): { text: string; values: unknown[] } | null {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!(allowed as readonly string[]).includes(key))
      throw new Error(`cannot update column "${key}"`);
    values.push(value);
    columns.push(`${key} = $${first + values.length - 1}`);
  }
  return columns.length === 0 ? null : { text: columns.join(', '), values };
}
