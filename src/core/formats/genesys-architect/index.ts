/**
 * Genesys Cloud Architect: call flows as Archy writes them (YAML whose one
 * top-level key is the flow type: `inboundCall`, `inqueueCall`,
 * `outboundCall`). yaml.ts reads the text (with the place of every value,
 * and the `{{token}}` substitutions Terraform fills in); import/ makes the
 * native flow, and export/ writes a flow back as Archy YAML.
 */
import { DIAGNOSTIC_CODES } from '../../diagnostic/index.ts';
import { about } from './about.ts';
import { vendorFormat } from '../types.ts';
import { detectArchitect } from './detect.ts';
import { architectText, exportArchitect } from './export/index.ts';
import { importArchitect } from './import/index.ts';
import { readYaml } from './yaml.ts';

const genesysArchitect = vendorFormat({
  ...about,
  files: {
    ...about.files,
    parse(text, file) {
      const read = readYaml(text, file);
      return read.ok ? { ok: true, value: read.value, locate: read.locate } : read;
    },
    stringify: architectText
  },
  detect: detectArchitect,
  export: exportArchitect,
  import(document, file) {
    try {
      return importArchitect(document, file);
    } catch (error) {
      return {
        ok: false,
        problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not import the Architect flow: ${error instanceof Error ? error.message : String(error)}` }]
      };
    }
  }
});

export default genesysArchitect;
