/**
 * Native nodes as new actions: one action per node (with a MessageParticipant
 * before it when it has a prompt), helper actions beside it where Connect
 * needs more than one. Menus and inputs are in inputs.ts, branches in
 * conditions.ts, opaque steps in opaque.ts.
 */
import type { FlowNode } from '../../../model/types.ts';
import { DESIGN_KEY, TARGET_QUEUE } from '../contract.ts';
import { buildBranch } from './conditions.ts';
import type { ConnectExport } from './context.ts';
import { buildInput } from './inputs.ts';
import { buildOpaque } from './opaque.ts';
import { text, withPrompt } from './prompts.ts';
import { outcomeNamed } from './targets.ts';
import type { CounterLoop } from './counters.ts';
import { attributeKey, scalarText } from './variables.ts';

/** A node of the design as new actions. */
export function build(ctx: ConnectExport, node: FlowNode): void {
  const entry = ctx.targets.id(node.id);
  switch (node.kind) {
    case 'prompt': {
      let next: string;
      if (node.next === undefined && node.end) {
        next = ctx.actions.add(node, { Identifier: ctx.targets.id(node.id, 'end'), Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, 1);
      } else {
        next = ctx.targets.to(node, outcomeNamed(node, 'next'));
      }
      ctx.actions.add(node, {
        Identifier: entry,
        Type: 'MessageParticipant',
        Parameters: text(ctx, node.prompt, node),
        Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
      });
      return;
    }
    case 'menu':
    case 'input':
      return buildInput(ctx, node);
    case 'branch':
      return buildBranch(ctx, node);
    case 'hours': {
      const open = ctx.targets.to(node, outcomeNamed(node, 'open'));
      const closed = ctx.targets.to(node, outcomeNamed(node, 'closed'));
      ctx.notes.note(node, 'the schedule (time zone, weekly hours, holidays) is not part of a Connect flow: CheckHoursOfOperation uses the hours of operation set up in Connect (the target queue\'s, unless the environment names one as {"hours": {"<node id>": …}})');
      const hoursId = ctx.refs.hoursOfOperation(node.id);
      ctx.actions.add(node, {
        Identifier: entry,
        Type: 'CheckHoursOfOperation',
        Parameters: hoursId === undefined ? {} : { HoursOfOperationId: hoursId },
        Transitions: {
          NextAction: closed,
          Conditions: [
            { NextAction: open, Condition: { Operator: 'Equals', Operands: ['True'] } },
            { NextAction: closed, Condition: { Operator: 'Equals', Operands: ['False'] } }
          ],
          // A failed check goes where an open line goes: sent where closed goes, callers in
          // open hours would be told the line is closed whenever the check fails
          // (hours-fail-closed). A closed queue still sends them on by its own error branch.
          Errors: [{ NextAction: open, ErrorType: 'NoMatchingError' }]
        }
      });
      return;
    }
    case 'lookup': {
      const success = ctx.targets.to(node, outcomeNamed(node, 'success'));
      const failure = ctx.targets.to(node, outcomeNamed(node, 'failure'));
      const seconds = Math.min(8, Math.max(1, Math.ceil(node.seconds ?? 3)));
      if (node.outputs && node.outputs.length > 0) {
        ctx.notes.note(node, `the Lambda function's results are read as $.External.<name> (${node.outputs.join(', ')})`);
      }
      const main = ctx.actions.add(node, {
        Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'invoke'),
        Type: 'InvokeLambdaFunction',
        Parameters: { LambdaFunctionARN: ctx.refs.ref(node, 'Lambda function ARN', 'functions', node.service), InvocationTimeLimitSeconds: String(seconds) },
        Transitions: { NextAction: success, Errors: [{ NextAction: failure, ErrorType: 'NoMatchingError' }] }
      }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'set': {
      const loop = ctx.targets.loopOf(node.id);
      if (loop !== undefined) return buildLoop(ctx, node, loop);
      const next = ctx.targets.to(node, outcomeNamed(node, 'next'));
      if (node.increment && node.increment.length > 0) {
        const why = ctx.targets.loopRefusal(node.id);
        ctx.notes.note(node, `Connect cannot add one to an attribute in UpdateContactAttributes: the counters ${node.increment.join(', ')} are not updated (use a Loop or a Lambda function)${why === undefined ? '' : `; not written as a Loop: ${why}`}`);
      }
      ctx.actions.add(node, {
        Identifier: entry,
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: attributesOf(node), TargetContact: 'Current' },
        Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
      });
      return;
    }
    case 'queue': {
      const overflow = ctx.targets.to(node, outcomeNamed(node, 'overflow'));
      const answered = node.answered === undefined ? undefined : ctx.targets.to(node, outcomeNamed(node, 'answered'));
      if (node.answered !== undefined) {
        ctx.notes.note(node, 'after an agent takes the call, the contact leaves this flow: the "answered" outcome is kept as the NextAction but Connect runs the disconnect flow instead', '/answered');
      }
      if (node.announceWait || node.maxWaitSeconds !== undefined) {
        ctx.notes.note(node, 'what the caller hears while waiting (wait announcements, the longest wait) is set in the customer queue flow, not here');
      }
      // Imported from Connect without the queue it transfers to: the target queue was set by an earlier step.
      const queueSetBefore = node.source !== undefined && node.queue === TARGET_QUEUE;
      const transfer = ctx.actions.add(node, {
        Identifier: queueSetBefore && node.prompt === undefined ? entry : ctx.targets.id(node.id, 'transfer'),
        Type: 'TransferContactToQueue',
        Parameters: {},
        Transitions: {
          ...(answered === undefined ? {} : { NextAction: answered }),
          Errors: [
            { NextAction: overflow, ErrorType: 'QueueAtCapacity' },
            { NextAction: overflow, ErrorType: 'NoMatchingError' }
          ]
        }
      }, 2);
      // The design's estimate of the wait is no part of a Connect flow: the editor metadata keeps it, so the flow reads back as designed.
      if (node.expectedWaitSeconds !== undefined) ctx.actions.describe(transfer, { [DESIGN_KEY]: { kind: 'queue', expectedWaitSeconds: node.expectedWaitSeconds } });
      if (queueSetBefore) {
        withPrompt(ctx, node, node.prompt, transfer);
        return;
      }
      const setQueue = ctx.actions.add(node, {
        Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'set-queue'),
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: ctx.refs.ref(node, 'queue ARN', 'queues', node.queue) },
        Transitions: { NextAction: transfer, Errors: [{ NextAction: overflow, ErrorType: 'NoMatchingError' }] }
      }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, setQueue);
      return;
    }
    case 'transfer': {
      const failed = ctx.targets.to(node, outcomeNamed(node, 'failed'));
      const continues = node.connected !== undefined;
      const connected = ctx.targets.to(node, outcomeNamed(node, 'connected'));
      if (!node.reachesPerson) ctx.notes.note(node, 'the number is not answered by a person; Connect does not know that: re-imported, the transfer counts as reaching a person');
      const main = ctx.actions.add(node, {
        Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'transfer'),
        Type: 'TransferParticipantToThirdParty',
        Parameters: {
          ThirdPartyPhoneNumber: node.number,
          ThirdPartyConnectionTimeLimitSeconds: '30',
          ContinueFlowExecution: continues ? 'True' : 'False'
        },
        Transitions: {
          NextAction: connected,
          Errors: [
            ...(continues ? [{ NextAction: failed, ErrorType: 'CallFailed' }] : []),
            { NextAction: failed, ErrorType: 'ConnectionTimeLimitExceeded' },
            { NextAction: failed, ErrorType: 'NoMatchingError' }
          ]
        }
      }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'voicemail': {
      const recorded = ctx.targets.to(node, outcomeNamed(node, 'recorded'));
      const failed = node.failed === undefined ? recorded : ctx.targets.to(node, outcomeNamed(node, 'failed'));
      ctx.notes.note(node, `Connect has no voicemail action: the call goes to the voicemail flow for mailbox ${JSON.stringify(node.mailbox)} (TransferToFlow, as Voicemail Express does); the flow ARN comes from the environment`);
      const main = ctx.actions.add(node, {
        Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'voicemail'),
        Type: 'TransferToFlow',
        Parameters: { ContactFlowId: ctx.refs.ref(node, 'voicemail flow ARN', 'mailboxes', node.mailbox) },
        Transitions: { NextAction: recorded, Errors: [{ NextAction: failed, ErrorType: 'NoMatchingError' }] }
      }, node.prompt === undefined ? 0 : 1);
      // The editor metadata says it is a voicemail, so the flow reads back as designed.
      ctx.actions.describe(main, {
        [DESIGN_KEY]: { kind: 'voicemail', mailbox: node.mailbox, ...(node.maxSeconds === undefined ? {} : { maxSeconds: node.maxSeconds }) }
      });
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'callback': {
      const scheduled = ctx.targets.to(node, outcomeNamed(node, 'scheduled'));
      const failed = node.failed === undefined ? scheduled : ctx.targets.to(node, outcomeNamed(node, 'failed'));
      if (node.numberVariable !== undefined) {
        ctx.notes.note(node, `CreateCallbackContact calls the contact's callback number: set it from ${node.numberVariable} with "Set callback number" (UpdateContactCallbackNumber) if it is not the caller's number`);
      }
      const main = ctx.actions.add(node, {
        Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'callback'),
        Type: 'CreateCallbackContact',
        Parameters: {
          ...(node.source !== undefined && !ctx.refs.has('queues', node.queue) ? {} : { QueueId: ctx.refs.ref(node, 'queue ARN', 'queues', node.queue) }),
          InitialCallDelaySeconds: '5',
          MaximumConnectionAttempts: '3',
          RetryDelaySeconds: '600'
        },
        Transitions: { NextAction: scheduled, Errors: [{ NextAction: failed, ErrorType: 'NoMatchingError' }] }
      }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'subflow': {
      const next = ctx.targets.to(node, outcomeNamed(node, 'next'));
      ctx.notes.note(node, 'TransferToFlow does not come back: "next" is taken only when the transfer fails');
      ctx.actions.add(node, {
        Identifier: entry,
        Type: 'TransferToFlow',
        Parameters: { ContactFlowId: ctx.refs.ref(node, 'flow ARN', 'flows', node.flow) },
        Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] }
      });
      return;
    }
    case 'return': {
      ctx.notes.note(node, 'a return is EndFlowModuleExecution, which Connect accepts only in a flow module');
      const main = ctx.actions.add(node, { Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'end'), Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'hangup': {
      const main = ctx.actions.add(node, { Identifier: node.prompt === undefined ? entry : ctx.targets.id(node.id, 'end'), Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }, node.prompt === undefined ? 0 : 1);
      withPrompt(ctx, node, node.prompt, main);
      return;
    }
    case 'opaque':
      return buildOpaque(ctx, node);
  }
}

/** A set node's assignments as contact attributes. */
function attributesOf(node: Extract<FlowNode, { kind: 'set' }>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.assign ?? {})) {
    Object.defineProperty(attributes, attributeKey(key), { value: scalarText(value), enumerable: true, writable: true, configurable: true });
  }
  return attributes;
}

/**
 * A set that counts for the branch after it, as a Loop (counters.ts): the
 * branch's way on is ContinueLooping, its way out DoneLooping. Assignments
 * beside the count go in an UpdateContactAttributes before the Loop. Sets
 * that count alike go to this Loop (Targets), and are not written.
 */
function buildLoop(ctx: ConnectExport, node: Extract<FlowNode, { kind: 'set' }>, loop: CounterLoop): void {
  const check = ctx.targets.node(loop.check)!;
  const more = ctx.targets.to(check, loop.more);
  const done = ctx.targets.to(check, loop.done);
  const assigns = Object.keys(node.assign ?? {}).length > 0;
  const counter = node.increment![0]!;
  if (!counter.startsWith('$.Loop.')) {
    const parts = [node.id, check.id, ...loop.alike.flatMap((other) => [other.set, other.check])].map((id) => JSON.stringify(id));
    ctx.notes.note(node, `the count ${counter} is one Loop (LoopCount ${loop.count}) for ${parts.join(', ')}: Connect counts the passes itself, so no contact attribute holds the count`);
  }
  if (loop.recounts && !counter.startsWith('$.Loop.')) {
    ctx.notes.note(node, `${counter} is written as a Loop, which starts counting again once it is done: a caller who comes back here after "${loop.done.name}" gets ${loop.count} more ${loop.count === 1 ? 'pass' : 'passes'}, where the design's count goes on from where it was`);
  }
  const loopId = assigns ? ctx.targets.id(node.id, 'loop') : ctx.targets.id(node.id);
  if (assigns) {
    ctx.actions.add(node, {
      Identifier: ctx.targets.id(node.id),
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: attributesOf(node), TargetContact: 'Current' },
      Transitions: { NextAction: loopId, Errors: [{ NextAction: loopId, ErrorType: 'NoMatchingError' }] }
    });
  }
  ctx.actions.add(node, {
    Identifier: loopId,
    Type: 'Loop',
    Parameters: { LoopCount: String(loop.count) },
    Transitions: {
      NextAction: done,
      Conditions: [
        { NextAction: more, Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
        { NextAction: done, Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } }
      ]
    }
  }, assigns ? 1 : 0);
}
