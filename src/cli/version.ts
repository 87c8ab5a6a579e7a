/** The package version, read from package.json next to `src/`. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
      const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
      cached = typeof version === 'string' ? version : '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
