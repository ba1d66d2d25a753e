import { readFileSync } from 'node:fs';

/** The relay's release version, from package.json. */
export const RELAY_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
