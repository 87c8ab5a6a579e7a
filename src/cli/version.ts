/**
 * Files of this package itself: its package.json and the designer's build.
 * Both this module and its bundled form (`build/cli/`) sit two folders below
 * the package root, so one relative URL serves both.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A path inside this package, whichever directory the command runs from. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

let cached: string | undefined;

/** The version in this package's package.json (`0.0.0` when unreadable). */
export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const version: unknown = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: unknown }).version;
      cached = typeof version === 'string' ? version : '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
