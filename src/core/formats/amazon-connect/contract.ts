/** What the Connect import and export agree on. */

/** The flow language's version, which every flow-language document names. */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/**
 * The key, in an action's editor metadata, under which the export records
 * what the native design says that the action cannot (a transfer to a flow
 * that is a voicemail), and the import reads it back. The Connect editor
 * keeps metadata it does not know.
 */
export const DESIGN_KEY = 'zeroOut';
