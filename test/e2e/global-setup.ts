/**
 * Builds the designer once before the tests, so the end-to-end tests drive
 * the same bundle `npm start` serves.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export default async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'error' });
}
