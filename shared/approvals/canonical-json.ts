/**
 * Canonical JSON ([APPR24]): the bytes an approval log entry's hash covers.
 *
 * Written by hand because no direct dependency does it: the stable-stringify
 * packages in node_modules are other tools' transitive dependencies, and a hash
 * format must not change when they are upgraded or dropped. Twenty lines, and the
 * output is RFC 8785 (JCS) for the values a log holds: object keys sorted by UTF-16
 * code units (what Array.prototype.sort does), no whitespace, strings and numbers
 * as JSON.stringify writes them (ECMAScript pins both, so every engine agrees).
 *
 * Keys whose value is undefined are left out, as JSON.stringify does, so an object
 * built by the relay hashes the same as the same object after a JSON round trip on a
 * device. Anything JSON cannot carry exactly (NaN, Infinity, bigint, functions,
 * undefined in an array) throws rather than hashing something a device cannot rebuild.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item: unknown) => {
        if (item === undefined)
          throw new TypeError('canonical JSON cannot hold undefined in an array');
        return canonicalJson(item);
      })
      .join(',')}]`;
  }
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  throw new TypeError(
    `canonical JSON cannot hold a ${typeof value === 'object' ? 'non-plain object' : typeof value}`,
  );
}
