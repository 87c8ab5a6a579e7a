/** What Genesys Cloud Architect is to the rest of the tool, without its reader and writer (the catalog's entry; index.ts adds them). */
import type { VendorAbout } from '../types.ts';

export const about = {
  id: 'genesys-architect',
  name: 'Genesys Cloud Architect',
  files: { extensions: ['.yaml', '.yml'], mediaType: 'application/yaml' },
  // Archy names an account's queues, users, schedule groups and data actions by name.
  reference: 'name',
  keptKeys: { layout: [], wiring: ['outputs', 'actions', 'targetMenuRef', 'targetTaskRef', 'startUpRef', 'defaultChildMenuRef'] },
  writes: true
} as const satisfies VendorAbout;
