/** Studio widgets the tests build flows from. */

/**
 * A widget named "q" that queues the call (enqueue-call or send-to-flex),
 * its failedToEnqueue and callFailure exits wired as given (undefined: unwired).
 */
export function queueWidget(type: string, toEnqueue: string | undefined, callFailure: string | undefined) {
  return {
    name: 'q',
    type,
    transitions: [
      { event: 'callComplete' },
      { event: 'failedToEnqueue', ...(toEnqueue === undefined ? {} : { next: toEnqueue }) },
      { event: 'callFailure', ...(callFailure === undefined ? {} : { next: callFailure }) }
    ],
    properties: { workflow: 'WW1', channel: 'TC1', offset: { x: 0, y: 200 } }
  };
}
