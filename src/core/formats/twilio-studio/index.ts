/**
 * Twilio Studio: flow definitions (`{description, states, initial_state,
 * flags}`), bare as the Console exports them or inside the REST Flow
 * resource. import/ reads one into a native flow, export/ writes one.
 */
import { DIAGNOSTIC_CODES } from '../../diagnostic/index.ts';
import { about } from './about.ts';
import { vendorFormat, type ImportResult } from '../types.ts';
import { detectStudio } from './detect.ts';
import { exportStudio } from './export/index.ts';
import { keepFailuresApart } from './import/failures.ts';
import { importStudio } from './import/index.ts';

const twilioStudio = vendorFormat({
  ...about,
  files: { ...about.files },
  detect: detectStudio,
  import(input: unknown, file: string): ImportResult {
    try {
      // A queue widget's two failure exits, when they part, get a step of their
      // own beside the queue (import/failures.ts); index.ts makes one node per widget.
      return keepFailuresApart(importStudio(input, file), file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not import the Twilio Studio flow: ${message}` }] };
    }
  },
  export: exportStudio
});

export default twilioStudio;
