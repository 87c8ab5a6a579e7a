/**
 * Widgets that hand the caller on: enqueue-call and send-to-flex → queue (or
 * callback, for a task marked as one), connect-call-to → transfer (with the
 * split on its dial status folded in), record-voicemail → voicemail.
 */
import type { Json } from '../json.ts';
import { compact, plain } from '../json.ts';
import type { SourceOutcome, StudioImport, Widget } from './context.ts';
import { common } from './node.ts';
import { designedWait, isCallbackTask, liquidExpression, seconds, text } from './values.ts';

/**
 * enqueue-call or send-to-flex: a queue (overflow on failedToEnqueue, else
 * callFailure), or a callback for a task marked as one. Where the widget has
 * both exits and they go different ways, the overflow (or failed) exit is
 * then led through an added step with both (failures.ts).
 */
export function queue(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const answered = ctx.wire(widget, 'answered', 'callComplete', outcomes);
  const toEnqueue = ctx.event(widget, 'failedToEnqueue');
  const callFailure = ctx.event(widget, 'callFailure');
  // One overflow exit for two Twilio ones: failedToEnqueue, where the widget
  // has it. Where both go the same way (both unwired included), that is the
  // way; otherwise failures.ts keeps them apart.
  const chosen = toEnqueue ?? callFailure;
  if (chosen !== undefined) outcomes.push(['overflow', chosen.event, chosen.pointer]);
  const p = widget.properties;
  const queue = text(p.queue_name) ?? text(p.workflow_sid) ?? text(p.workflow) ?? widget.name;
  // A task marked as a callback (Flex's callback attributes) schedules a call
  // back rather than waiting for an agent now: deferred help.
  if (isCallbackTask(p.attributes) || isCallbackTask(p.task_attributes)) {
    const callback: SourceOutcome[] = [];
    const scheduled = ctx.wire(widget, 'scheduled', 'callComplete', callback);
    if (chosen !== undefined) callback.push(['failed', chosen.event, chosen.pointer]);
    return compact({
      ...common(widget, callback),
      kind: 'callback',
      queue,
      scheduled,
      failed: chosen?.next
    });
  }
  return compact({
    ...common(widget, outcomes),
    kind: 'queue',
    queue,
    expectedWaitSeconds: designedWait(p.attributes) ?? designedWait(p.task_attributes),
    maxWaitSeconds: seconds(p.timeout),
    answered,
    overflow: chosen?.next
  });
}

/**
 * A transfer whose callCompleted goes to a split on its own DialCallStatus
 * (the way to tell a failed call from a finished one in Studio, and what
 * the exporter writes): one transfer node, connected on the split's noMatch,
 * failed on its match. Undefined when the widget is not followed so.
 */
export function transferWithStatus(ctx: StudioImport, widget: Widget, split: Widget | undefined): Json | undefined {
  if (split === undefined || split.type !== 'split-based-on') return undefined;
  if (liquidExpression(text(split.properties.input) ?? '') !== `widgets.${widget.name}.DialCallStatus`) return undefined;
  const noMatch = ctx.event(split, 'noMatch');
  const matches = split.transitions.filter((t) => t.event === 'match');
  if (noMatch === undefined || matches.length !== 1) return undefined;
  const failed = matches[0]!;
  hangupNote(ctx, widget, [ctx.event(widget, 'callCompleted')?.next]);
  const p = widget.properties;
  return compact({
    ...common(
      widget,
      [
        ['connected', 'noMatch', noMatch.pointer],
        ['failed', 'match', failed.pointer]
      ],
      { split: { name: split.name, pointer: split.pointer, vendor: plain(split.raw) } }
    ),
    kind: 'transfer',
    number: text(p.to) ?? text(p.noun) ?? widget.name,
    reachesPerson: true,
    connected: noMatch.next,
    failed: failed.next
  });
}

/** connect-call-to: a transfer to a person, connected and failed both on callCompleted. */
export function transfer(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const completed = ctx.event(widget, 'callCompleted');
  if (completed !== undefined) {
    // Studio has one exit for a call that was connected and one that was not (busy, no answer).
    outcomes.push(['connected', 'callCompleted', completed.pointer], ['failed', 'callCompleted', completed.pointer]);
  }
  if (completed !== undefined && completed.next === undefined) {
    ctx.note(
      completed.pointer,
      `widget ${JSON.stringify(widget.name)}: callCompleted also follows a transfer that fails (busy, no answer); with no transition, such a caller is dropped`,
      widget.name
    );
  }
  hangupNote(ctx, widget, [completed?.next]);
  const p = widget.properties;
  return compact({
    ...common(widget, outcomes),
    kind: 'transfer',
    number: text(p.to) ?? text(p.noun) ?? widget.name,
    reachesPerson: true,
    connected: completed?.next,
    failed: completed?.next
  });
}

/** A wired `hangup` that no native outcome carries. */
export function hangupNote(ctx: StudioImport, widget: Widget, carried: readonly (string | undefined)[]): void {
  const hangup = ctx.event(widget, 'hangup');
  if (hangup?.next !== undefined && !carried.includes(hangup.next)) {
    ctx.note(
      hangup.pointer,
      `widget ${JSON.stringify(widget.name)}: the caller's hang-up goes on to ${JSON.stringify(hangup.next)}; the analysis follows the caller, who has left`,
      widget.name
    );
  }
}

/** record-voicemail: a voicemail (noAudio or hangup, when wired, is the failed exit). */
export function voicemail(ctx: StudioImport, widget: Widget): Json {
  const outcomes: SourceOutcome[] = [];
  const recorded = ctx.wire(widget, 'recorded', 'recordingComplete', outcomes);
  // noAudio and hangup end the call by design; wired, they are the failed exit.
  const noAudio = ctx.event(widget, 'noAudio');
  const hangup = ctx.event(widget, 'hangup');
  const failedBy = noAudio?.next !== undefined ? noAudio : hangup?.next !== undefined ? hangup : undefined;
  if (failedBy !== undefined) outcomes.push(['failed', failedBy.event, failedBy.pointer]);
  if (failedBy === noAudio) hangupNote(ctx, widget, [recorded, noAudio?.next]);
  const p = widget.properties;
  return compact({
    ...common(widget, outcomes),
    kind: 'voicemail',
    mailbox: text(p.transcription_callback_url) ?? widget.name,
    maxSeconds: seconds(p.max_length),
    recorded,
    failed: failedBy?.next
  });
}

