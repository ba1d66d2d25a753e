/** The relay's sync endpoint on the origin that served the app: ws(s)://host/sync. */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/sync`;
}
