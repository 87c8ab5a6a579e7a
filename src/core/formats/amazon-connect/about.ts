/** What Amazon Connect is to the rest of the tool, without its reader and writer (the catalog's entry; index.ts adds them). */
import type { VendorAbout } from '../types.ts';

export const about = {
  id: 'amazon-connect',
  name: 'Amazon Connect',
  files: { extensions: ['.json'], mediaType: 'application/json' },
  reference: 'ARN',
  keptKeys: { layout: ['position', 'Position', 'x', 'y'], wiring: ['Transitions', 'NextAction', 'Conditions', 'Errors'] },
  writes: true
} as const satisfies VendorAbout;
