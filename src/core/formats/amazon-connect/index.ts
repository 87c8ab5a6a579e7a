/**
 * Amazon Connect: flow-language documents (`Version` "2019-10-30"), the
 * legacy console export (`modules`) and the `DescribeContactFlow` wrapper.
 * import/ reads any of them into a native flow; export/ writes the flow
 * language.
 */
import { DIAGNOSTIC_CODES } from '../../diagnostic/index.ts';
import { about } from './about.ts';
import { vendorFormat } from '../types.ts';
import { exportAmazonConnect } from './export/index.ts';
import { isConnectFlow } from './detect.ts';
import { importDocument } from './import/index.ts';

const amazonConnect = vendorFormat({
  ...about,
  files: { ...about.files },
  detect: isConnectFlow,
  import(document, file) {
    try {
      return importDocument(document, file);
    } catch (error) {
      return {
        ok: false,
        problems: [{ code: DIAGNOSTIC_CODES.importFailed, severity: 'error', file, pointer: '', message: `could not read the flow: ${error instanceof Error ? error.message : String(error)}` }]
      };
    }
  },
  export: exportAmazonConnect
});

export default amazonConnect;
