/**
 * Nodes that hand the caller on: queue (send-to-flex with a TaskRouter
 * workflow, else enqueue-call by name), transfer (connect-call-to, with a
 * split on the dial status when a failed call goes elsewhere), voicemail
 * (record-voicemail) and callback (a task with callback attributes). Each
 * plays its prompt in a say-play before it.
 */
import type { FlowNode, NodeOfKind, Prompt } from '../../../model/types.ts';
import type { StudioExport } from './context.ts';
import { canvasOffset } from './layout.ts';
import { liquidVariable } from './liquid.ts';
import { nodePointer } from './notes.ts';
import { sayPlay } from './speech.ts';
import { transition } from './widgets.ts';

/** The say-play in front of a node with a prompt (queues, transfers, voicemail, callbacks). */
export function lead(ctx: StudioExport, node: FlowNode & { prompt?: Prompt }, index: number, name: string): void {
  const before = ctx.names.leadOf(node.id);
  if (before === undefined) return;
  sayPlay(ctx, before, node.prompt, name, canvasOffset(node, index, 0, -200), `${nodePointer(index)}/prompt`, node.id);
}

/** A queue: send-to-flex with the TaskRouter workflow the environment names for it, else enqueue-call by queue name. */
export function queue(ctx: StudioExport, node: NodeOfKind<'queue'>, index: number, name: string): void {
  const at = nodePointer(index);
  const answered = ctx.names.target(node.answered);
  const overflow = ctx.names.target(node.overflow);
  const transitions = [transition('callComplete', answered), transition('failedToEnqueue', overflow), transition('callFailure', overflow)];
  const workflow = ctx.refs.lookup('queues', node.queue);
  const timeout = node.maxWaitSeconds === undefined ? {} : { timeout: String(node.maxWaitSeconds) };
  if (node.announceWait || node.expectedWaitSeconds !== undefined) {
    ctx.notes.note(at, `queue ${JSON.stringify(node.id)}: the expected wait and its announcement belong to the hold music (waitUrl), which is not written`, node.id);
  }
  if (workflow !== undefined) {
    ctx.widgets.push({
      name,
      type: 'send-to-flex',
      transitions,
      properties: {
        workflow,
        channel: ctx.refs.channel(at, node.id),
        // The design's estimate of the wait rides in the task's attributes, so the flow read back keeps it.
        attributes: JSON.stringify({
          type: 'inbound',
          queue: node.queue,
          name: '{{trigger.call.From}}',
          ...(node.expectedWaitSeconds === undefined ? {} : { zeroOut: { expectedWaitSeconds: node.expectedWaitSeconds } })
        }),
        ...timeout,
        offset: canvasOffset(node, index)
      }
    });
  } else {
    ctx.notes.note(`${at}/queue`, `queue ${JSON.stringify(node.id)}: no TaskRouter workflow SID for ${JSON.stringify(node.queue)} in the environment; an enqueue-call to the queue by name is written`, node.id);
    ctx.widgets.push({ name, type: 'enqueue-call', transitions, properties: { queue_name: node.queue, ...timeout, offset: canvasOffset(node, index) } });
  }
  lead(ctx, node, index, name);
}


/** A transfer: connect-call-to, with a split on its dial status when a failed call goes elsewhere than a finished one. */
export function transfer(ctx: StudioExport, node: NodeOfKind<'transfer'>, index: number, name: string): void {
  const at = nodePointer(index);
  if (!node.reachesPerson) {
    ctx.notes.note(`${at}/reachesPerson`, `transfer ${JSON.stringify(node.id)}: Studio does not know whether a person answers; the import reads every connect-call-to as reaching one`, node.id);
  }
  const connected = ctx.names.target(node.connected);
  const failed = ctx.names.target(node.failed);
  let next = connected ?? failed;
  if (connected !== failed) {
    // One exit for both: a split on the dial status tells a failed call from a finished one.
    const status = ctx.names.claim(`${name}_status`);
    next = status;
    ctx.widgets.push({
      name: status,
      type: 'split-based-on',
      transitions: [
        transition('noMatch', connected),
        {
          event: 'match',
          ...(failed === undefined ? {} : { next: failed }),
          conditions: [{ friendly_name: 'not connected', arguments: [`{{widgets.${name}.DialCallStatus}}`], type: 'matches_any_of', value: 'busy, no-answer, failed, canceled' }]
        }
      ],
      properties: { input: `{{widgets.${name}.DialCallStatus}}`, offset: canvasOffset(node, index, 0, 200) }
    });
  }
  ctx.widgets.push({
    name,
    type: 'connect-call-to',
    transitions: [transition('callCompleted', next), transition('hangup', undefined)],
    properties: { noun: 'number', to: node.number, caller_id: '{{contact.channel.address}}', timeout: 30, offset: canvasOffset(node, index) }
  });
  lead(ctx, node, index, name);
}

/** A voicemail: record-voicemail, its transcription delivered to the callback URL the environment names for the mailbox. */
export function voicemail(ctx: StudioExport, node: NodeOfKind<'voicemail'>, index: number, name: string): void {
  const callback = ctx.refs.lookup('mailboxes', node.mailbox);
  ctx.widgets.push({
    name,
    type: 'record-voicemail',
    transitions: [transition('recordingComplete', ctx.names.target(node.recorded)), transition('noAudio', ctx.names.target(node.failed)), transition('hangup', undefined)],
    properties: {
      timeout: 5,
      finish_on_key: '#',
      max_length: node.maxSeconds ?? 120,
      play_beep: 'true',
      trim: 'trim-silence',
      transcribe: callback !== undefined,
      ...(callback === undefined ? {} : { transcription_callback_url: callback }),
      offset: canvasOffset(node, index)
    }
  });
  if (callback === undefined) {
    ctx.notes.note(nodePointer(index, '/mailbox'), `voicemail ${JSON.stringify(node.id)}: the recording is not delivered to ${JSON.stringify(node.mailbox)} (set a transcription callback URL for it in the environment)`, node.id);
  }
  lead(ctx, node, index, name);
}

/** A callback: a task with callback attributes sent to the queue (Studio has no callback widget). */
export function callback(ctx: StudioExport, node: NodeOfKind<'callback'>, index: number, name: string): void {
  const at = nodePointer(index);
  const number = `{{${liquidVariable(node.numberVariable ?? 'caller.ani')}}}`;
  const scheduled = ctx.names.target(node.scheduled);
  const failed = ctx.names.target(node.failed);
  const transitions = [transition('callComplete', scheduled), transition('failedToEnqueue', failed), transition('callFailure', failed)];
  const attributes = JSON.stringify({ type: 'callback', callback: true, queue: node.queue, callBackNumber: number, name: number });
  const workflow = ctx.refs.lookup('queues', node.queue);
  ctx.notes.note(at, `callback ${JSON.stringify(node.id)}: Studio has no callback widget; a task with callback attributes is sent to ${JSON.stringify(node.queue)} (a Studio import reads it as a queue)`, node.id);
  if (workflow !== undefined) {
    ctx.widgets.push({
      name,
      type: 'send-to-flex',
      transitions,
      properties: { workflow, channel: ctx.refs.channel(at, node.id), attributes, offset: canvasOffset(node, index) }
    });
  } else {
    ctx.widgets.push({ name, type: 'enqueue-call', transitions, properties: { queue_name: node.queue, task_attributes: attributes, offset: canvasOffset(node, index) } });
  }
  lead(ctx, node, index, name);
}
