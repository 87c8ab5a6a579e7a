/** What Twilio Studio is to the rest of the tool, without its reader and writer (the catalog's entry; index.ts adds them). */
import type { VendorAbout } from '../types.ts';

export const about = {
  id: 'twilio-studio',
  name: 'Twilio Studio',
  files: { extensions: ['.json'], mediaType: 'application/json' },
  reference: 'SID',
  keptKeys: { layout: ['offset', 'x', 'y'], wiring: ['transitions', 'next'] },
  writes: true
} as const satisfies VendorAbout;
