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

/**
 * The queue an imported TransferContactToQueue names when the flow does not
 * say which (the contact's target queue, set by a step the import could not
 * follow): the export then sets no queue, leaving the one set before.
 */
export const TARGET_QUEUE = 'the target queue';

/**
 * What the design metadata calls the hang-up the export adds for branches
 * the design left unwired (Connect rejects a branch without a target): the
 * import reads a branch to it as unwired again, a dead end, not an ending
 * the design chose.
 */
export const UNWIRED_KIND = 'unwired';
