/**
 * The native flow format (`flows/*.ivr.json`), defined once as Zod schemas.
 *
 * The TypeScript types (`./types.ts`) are inferred from these schemas and the
 * published JSON Schema (`flows/flow.schema.json`) is generated from them, so
 * the three can never drift apart.
 */
import { z } from 'zod';

/** The format version this build writes. Older versions are migrated on load. */
export const FORMAT_VERSION = 1;

const NodeId = z
  .string()
  .min(1, 'a node id cannot be empty')
  .meta({ description: 'The id of a node of this flow.' });

const Target = NodeId.meta({
  description: 'The id of the node the call goes to next.'
});

/** Text in the flow's default locale, or text per locale (`{"en-US": "…"}`). */
export const PromptSchema = z
  .union([
    z.string(),
    z.record(z.string().min(2), z.string())
  ])
  .meta({
    id: 'Prompt',
    title: 'Prompt',
    description:
      'What the caller hears: plain text in the default locale, or an object of text per locale ({"en-US": "…", "es-US": "…"}).'
  });

const Position = z
  .strictObject({ x: z.number(), y: z.number() })
  .meta({ id: 'Position', description: 'Where the node sits on the canvas.' });

const Seconds = z.number().min(0);

/** Fields every node has. */
const base = {
  id: NodeId.meta({
    description:
      'Unique id of the node. Any string; it is used as written everywhere.'
  }),
  name: z
    .string()
    .optional()
    .meta({ description: 'A label for the canvas; the id is shown when absent.' }),
  position: Position.optional(),
  notes: z.string().optional().meta({ description: 'Free text for designers.' }),
  meta: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({
      description:
        'Data kept verbatim for tools (an importer keeps the vendor widget here).'
    }),
  source: z
    .strictObject({
      type: z.string().min(1).meta({ description: 'The vendor widget or action type (say-play, TransferContactToQueue, …).' }),
      pointer: z.string().meta({ description: 'JSON pointer of the widget or action in the vendor file.' }),
      outcomes: z
        .record(
          z.string(),
          z.strictObject({
            name: z.string().min(1).meta({ description: 'The vendor name of the outcome (timeout, noMatch, QueueAtCapacity, …).' }),
            pointer: z.string().optional().meta({ description: 'JSON pointer of the place in the vendor file that wires it.' })
          })
        )
        .optional()
        .meta({ description: 'This node\'s outcomes (noInput, invalid, failure, …) as the vendor names them.' })
    })
    .optional()
    .meta({
      id: 'NodeSource',
      description:
        'Where an imported node came from: findings about it name the vendor outcome and point into the vendor file.'
    })
};

/** Retry handling shared by menus and inputs. */
const retryFields = {
  prompt: PromptSchema,
  timeoutSeconds: Seconds.optional().meta({
    description: 'How long silence lasts before it counts as no input (default 5).'
  }),
  noInput: Target.optional().meta({
    description: 'Where the call goes when the caller says or presses nothing.'
  }),
  invalid: Target.optional().meta({
    description: 'Where the call goes on a key or phrase that is not accepted.'
  }),
  maxRetries: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({
      description:
        'Retry limit: after this many no-input or invalid attempts in a row the call takes `onMaxRetries` instead.'
    }),
  onMaxRetries: Target.optional().meta({
    description: 'Where the call goes once the retry limit is used up.'
  }),
  reprompt: PromptSchema.optional().meta({
    description: 'Played before the prompt again after no input or an invalid key.'
  }),
  noInputPrompt: PromptSchema.optional().meta({
    description: 'Played after no input instead of `reprompt` ("Sorry, I didn\'t hear anything.").'
  }),
  invalidPrompt: PromptSchema.optional().meta({
    description: 'Played after an invalid key or phrase instead of `reprompt` ("Sorry, that\'s not one of the choices.").'
  })
};

export const DTMF_KEYS = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'
] as const;
export const DtmfKey = z.enum(DTMF_KEYS);

/** A keypad key's bit, for a set of keys held as bits; 0 for anything that is not a keypad key. */
export function keyBit(key: string): number {
  const index = (DTMF_KEYS as readonly string[]).indexOf(key);
  return index < 0 ? 0 : 1 << index;
}

export const MenuOptionSchema = z
  .strictObject({
    key: DtmfKey.optional().meta({ description: 'The DTMF key for this choice.' }),
    phrases: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Words or phrases a caller may say for this choice.' }),
    label: z.string().optional(),
    next: Target.optional()
  })
  .meta({
    id: 'MenuOption',
    title: 'Menu option' });

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ConditionSchema = z
  .strictObject({
    var: z.string().min(1).meta({
      description:
        'A variable: a flow variable (`account`), caller data (`caller.ani`) or a node result (`lookup.balance`).'
    }),
    op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'exists', 'matches']),
    value: z.union([Scalar, z.array(Scalar)]).optional()
  })
  .meta({
    id: 'Condition',
    title: 'Condition' });

const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day is written HH:MM');
const Interval = z.tuple([TimeOfDay, TimeOfDay]);
const Day = z.array(Interval).optional();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');

export const WeeklyScheduleSchema = z.strictObject({
  mon: Day,
  tue: Day,
  wed: Day,
  thu: Day,
  fri: Day,
  sat: Day,
  sun: Day
});

const PromptNode = z
  .strictObject({
    ...base,
    kind: z.literal('prompt'),
    prompt: PromptSchema,
    next: Target.optional(),
    end: z.boolean().optional().meta({
      description: 'A goodbye: the call ends here by design after the message.'
    })
  })
  .meta({
    id: 'PromptNode',
    title: 'Prompt node', description: 'Plays a message.' });

const MenuNode = z
  .strictObject({
    ...base,
    kind: z.literal('menu'),
    ...retryFields,
    options: z.array(MenuOptionSchema)
  })
  .meta({
    id: 'MenuNode',
    title: 'Menu node',
    description: 'Plays a prompt and waits for a key or a phrase.'
  });

const InputNode = z
  .strictObject({
    ...base,
    kind: z.literal('input'),
    ...retryFields,
    variable: z.string().min(1).meta({ description: 'Where the digits are kept.' }),
    minDigits: z.number().int().min(0).optional(),
    maxDigits: z.number().int().min(1).optional(),
    terminator: z.enum(['#', '*']).optional().meta({
      description: 'The key that ends entry (default #).'
    }),
    pattern: z.string().optional().meta({
      description: 'A regular expression the whole entry must match.'
    }),
    next: Target.optional()
  })
  .meta({
    id: 'InputNode',
    title: 'Input node', description: 'Collects digits into a variable.' });

const BranchNode = z
  .strictObject({
    ...base,
    kind: z.literal('branch'),
    cases: z.array(
      z.strictObject({
        label: z.string().optional(),
        when: z.union([ConditionSchema, z.array(ConditionSchema)]).meta({
          description: 'One condition, or a list that must all hold.'
        }),
        next: Target.optional()
      })
    ),
    otherwise: Target.optional()
  })
  .meta({
    id: 'BranchNode',
    title: 'Branch node',
    description: 'Routes on variables or caller data; the first case that holds wins.'
  });

const HoursNode = z
  .strictObject({
    ...base,
    kind: z.literal('hours'),
    timeZone: z.string().min(1).meta({ description: 'An IANA time zone.' }),
    weekly: WeeklyScheduleSchema,
    holidays: z
      .array(
        z.union([IsoDate, z.strictObject({ date: IsoDate, name: z.string().optional() })])
      )
      .optional(),
    open: Target.optional(),
    closed: Target.optional()
  })
  .meta({
    id: 'HoursNode',
    title: 'Hours node', description: 'Open or closed now?' });

const LookupNode = z
  .strictObject({
    ...base,
    kind: z.literal('lookup'),
    service: z.string().min(1).meta({ description: 'The data source or API.' }),
    inputs: z.array(z.string()).optional(),
    outputs: z.array(z.string()).optional().meta({
      description: 'Variables the lookup sets on success.'
    }),
    seconds: Seconds.optional().meta({ description: 'Typical latency (default 1).' }),
    prompt: PromptSchema.optional(),
    success: Target.optional(),
    failure: Target.optional()
  })
  .meta({
    id: 'LookupNode',
    title: 'Lookup node', description: 'A data dip or API call.' });

const SetNode = z
  .strictObject({
    ...base,
    kind: z.literal('set'),
    assign: z
      .record(z.string(), Scalar)
      .optional()
      .meta({ description: 'Variables to set.' }),
    increment: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Counters to add one to.' }),
    next: Target.optional()
  })
  .meta({
    id: 'SetNode',
    title: 'Set node', description: 'Sets variables.' });

const QueueNode = z
  .strictObject({
    ...base,
    kind: z.literal('queue'),
    queue: z.string().min(1).meta({ description: 'The agent queue.' }),
    prompt: PromptSchema.optional(),
    expectedWaitSeconds: Seconds.optional(),
    announceWait: z.boolean().optional().meta({
      description: 'Whether the caller is told the expected wait.'
    }),
    maxWaitSeconds: Seconds.optional(),
    answered: Target.optional().meta({
      description: 'Where the call goes after the agent hangs up (a survey, say).'
    }),
    overflow: Target.optional().meta({
      description: 'Where the call goes when the queue is full, closed or the wait runs out.'
    })
  })
  .meta({
    id: 'QueueNode',
    title: 'Queue node', description: 'Waits for an agent: a person.' });

const TransferNode = z
  .strictObject({
    ...base,
    kind: z.literal('transfer'),
    number: z.string().min(1),
    reachesPerson: z.boolean().meta({
      description: 'Whether the number is answered by a person.'
    }),
    prompt: PromptSchema.optional(),
    connected: Target.optional(),
    failed: Target.optional().meta({
      description: 'Where the call goes when the number is busy or not answered.'
    })
  })
  .meta({
    id: 'TransferNode',
    title: 'Transfer node', description: 'Transfers the call to a number.' });

const VoicemailNode = z
  .strictObject({
    ...base,
    kind: z.literal('voicemail'),
    mailbox: z.string().min(1),
    prompt: PromptSchema.optional(),
    maxSeconds: Seconds.optional(),
    recorded: Target.optional(),
    failed: Target.optional()
  })
  .meta({
    id: 'VoicemailNode',
    title: 'Voicemail node', description: 'Records a message: deferred help.' });

const CallbackNode = z
  .strictObject({
    ...base,
    kind: z.literal('callback'),
    queue: z.string().min(1),
    numberVariable: z.string().optional(),
    prompt: PromptSchema.optional(),
    scheduled: Target.optional(),
    failed: Target.optional()
  })
  .meta({
    id: 'CallbackNode',
    title: 'Callback node', description: 'Schedules a call back: deferred help.' });

const SubflowNode = z
  .strictObject({
    ...base,
    kind: z.literal('subflow'),
    flow: z.string().min(1).meta({ description: 'The id of another flow.' }),
    next: Target.optional()
  })
  .meta({
    id: 'SubFlowNode',
    title: 'Sub-flow node', description: 'Runs another flow, then returns.' });

const ReturnNode = z
  .strictObject({
    ...base,
    kind: z.literal('return'),
    prompt: PromptSchema.optional()
  })
  .meta({
    id: 'ReturnNode',
    title: 'Return node',
    description: 'Returns to the flow that ran this one as a sub-flow.'
  });

const HangupNode = z
  .strictObject({
    ...base,
    kind: z.literal('hangup'),
    prompt: PromptSchema.optional()
  })
  .meta({
    id: 'HangUpNode',
    title: 'Hang-up node', description: 'Ends the call by design.' });

/** What an imported step's outcome says of the person (see the opaque node's `means`). */
export const OUTCOME_MEANINGS = ['reply', 'no-reply', 'undeliverable', 'answered', 'not-answered', 'failure'] as const;

/**
 * A node kind this build does not model: kept so the analysis still runs.
 * Importers use it for vendor widgets they do not know.
 */
const OpaqueNode = z
  .strictObject({
    ...base,
    kind: z.literal('opaque'),
    vendorType: z.string().optional(),
    prompt: PromptSchema.optional(),
    outcomes: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          next: Target.optional(),
          required: z.boolean().optional().meta({
            description: 'false when the call may end here by design (default true: an unwired outcome is a dead end).'
          }),
          means: z.enum(OUTCOME_MEANINGS).optional().meta({
            description:
              'What the outcome says of the person: "reply" (they answered a message), "no-reply" (they did not, in time), "undeliverable" (a message could not reach them), "answered" / "not-answered" (an outgoing call), "failure" (the step failed).'
          })
        })
      )
      .min(1, 'an opaque step needs at least one outcome (an ending is an outcome with "required": false)')
  })
  .meta({
    id: 'OpaqueNode',
    title: 'Opaque node', description: 'An imported step this tool does not model.' });

export const NODE_KINDS = [
  'prompt', 'menu', 'input', 'branch', 'hours', 'lookup', 'set', 'queue',
  'transfer', 'voicemail', 'callback', 'subflow', 'return', 'hangup', 'opaque'
] as const;

export const NodeSchema = z.discriminatedUnion('kind', [
  PromptNode, MenuNode, InputNode, BranchNode, HoursNode, LookupNode, SetNode,
  QueueNode, TransferNode, VoicemailNode, CallbackNode, SubflowNode, ReturnNode,
  HangupNode, OpaqueNode
]);

const Severity = z.enum(['off', 'info', 'warning', 'error']);

export const ThresholdsSchema = z
  .strictObject({
    maxOptions: z.number().int().min(1).optional().meta({
      description: 'too-many-options: choices per menu, not counting 0, * and # (default 5).'
    }),
    maxMenuDepth: z.number().int().min(1).optional().meta({
      description: 'deep-menu: menu choices needed to reach a menu (default 3).'
    }),
    maxSecondsToHuman: z.number().min(0).optional().meta({
      description: 'slow-path-to-human: seconds of caller time to the first person (default 60).'
    }),
    announceWaitOverSeconds: z.number().min(0).optional().meta({
      description: 'unannounced-wait: expected waits above this must be announced (default 30).'
    }),
    wordsPerMinute: z.number().min(1).optional().meta({
      description: 'Speaking rate used to time prompts (default 150).'
    })
  })
  .meta({
    id: 'Thresholds',
    title: 'Thresholds' });

export const LintSettingsSchema = z.strictObject({
  rules: z.record(z.string(), Severity).optional().meta({
    description: 'Rule id → off | info | warning | error.'
  }),
  thresholds: ThresholdsSchema.optional()
});

const Expectation = z.strictObject({
  hears: z.string().min(1).optional().meta({
    description: 'Text the caller has heard by this point (case-insensitive).'
  }),
  at: NodeId.optional().meta({ description: 'The node the call is at now.' }),
  canReachHelp: z.literal(true).optional().meta({
    description:
      'From where the call is now, a person, voicemail or callback can still be reached by some route the flow allows (true too once the caller has been helped).'
  }),
  personWithinSeconds: z.number().min(0).optional().meta({
    description:
      'A person can be reached within this many seconds of caller time from the start of the call: the time so far, then the fastest route on from where the call is (queue wait not counted).'
  }),
  waitAnnounced: z.literal(true).optional().meta({
    description: 'The caller has been told how long the wait is by now (a word for waiting and a duration).'
  })
});

export const CallStepSchema = z.union([
  z.strictObject({ press: z.string().regex(/^[0-9*#]+$/, 'keys are 0-9, * and #') }),
  z.strictObject({ say: z.string().min(1) }),
  z.strictObject({ silence: z.literal(true) }),
  z.strictObject({ hangup: z.literal(true) }),
  z.strictObject({ expect: Expectation })
]);

export const CALL_OUTCOMES = [
  'person', 'voicemail', 'callback', 'ended', 'dropped', 'abandoned', 'trapped', 'stepLimit'
] as const;

/** How a call must not end: it fails when every field given matches. */
const NotExpectation = z
  .strictObject({
    outcome: z.enum(CALL_OUTCOMES).optional(),
    endsAt: NodeId.optional(),
    visits: z.array(NodeId).min(1).optional()
  })
  .refine((not) => not.outcome !== undefined || not.endsAt !== undefined || not.visits !== undefined, {
    message: 'says nothing: give outcome, endsAt or visits'
  })
  .meta({
    description:
      'What the call must not do: it fails when it ends with this outcome, at this node, having passed these nodes in this order (every field given). Steps left when such a call has ended are not run: a fixed flow may end it sooner. How a reviewer asks for a fix: the test fails until the flow is fixed.'
  });

export const TestCallSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    locale: z.string().optional(),
    environment: z
      .strictObject({
        now: z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
            'a time is written in ISO 8601 with its offset, such as 2026-11-23T09:30:00-05:00 or 2026-11-23T14:30:00Z'
          )
          .optional()
          .meta({
            description:
              'The time the call is placed, ISO 8601 with an offset. Needed when the flow checks opening hours.'
          }),
        caller: z.record(z.string(), Scalar).optional(),
        variables: z.record(z.string(), Scalar).optional(),
        outcomes: z
          .record(z.string(), z.union([z.string(), z.array(z.string())]))
          .optional()
          .meta({
            description:
              'Node id → the outcome it takes (or one per visit): failure, overflow, failed, …'
          })
      })
      .optional(),
    steps: z.array(CallStepSchema),
    expect: z
      .strictObject({
        outcome: z.enum(CALL_OUTCOMES).optional(),
        endsAt: NodeId.optional(),
        visits: z.array(NodeId).optional(),
        hears: z.array(z.string()).optional(),
        withinSeconds: z.number().min(0).optional(),
        not: NotExpectation.optional()
      })
      .optional()
  })
  .meta({
    id: 'TestCall',
    title: 'Test call' });

/** How the person is in touch: a phone call, messages (SMS, chat, WhatsApp), or an API request with nobody in touch yet. */
export const CHANNELS = ['voice', 'messaging', 'api'] as const;

/**
 * What the flow is for, which decides what a caller is owed: an inbound flow
 * promises help; in a customer queue, hold or whisper flow the caller is
 * already queued or with an agent; a transfer flow runs for the agent; an
 * outbound flow calls or messages someone who did not ask; a callback flow
 * runs on a call placed to deliver a callback; a voicemail flow records the
 * message; a module runs inside another flow.
 */
export const FLOW_ROLES = [
  'inbound',
  'outbound',
  'customer-queue',
  'customer-hold',
  'customer-whisper',
  'agent-whisper',
  'transfer',
  'callback',
  'voicemail',
  'module'
] as const;

const Channel = z.enum(CHANNELS);
const Role = z.enum(FLOW_ROLES);

const EntrySchema = z
  .strictObject({
    start: NodeId.meta({ description: 'The node this entry starts at.' }),
    channel: Channel,
    role: Role.optional().meta({ description: 'The role of the flow when started this way (default: the flow\'s).' }),
    event: z.string().optional().meta({ description: 'The vendor event that starts it (incomingMessage, …).' })
  })
  .meta({ id: 'Entry', title: 'Entry point', description: 'Another way the flow is started, on its own channel.' });

export const FlowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(FORMAT_VERSION).meta({ description: 'The format version.' }),
    id: z.string().min(1).meta({ description: 'The flow id; sub-flows refer to it.' }),
    name: z.string().min(1),
    description: z.string().optional(),
    locales: z
      .array(z.string().min(2))
      .min(1)
      .optional()
      .meta({ description: 'Locales the prompts must cover; the first is the default (en-US when absent).' }),
    start: NodeId.meta({ description: 'The node a call starts at.' }),
    channel: Channel.optional().meta({ description: 'How the person is in touch when the flow starts at "start" (default voice).' }),
    role: Role.optional().meta({ description: 'What the flow is for (default inbound): decides what the person is owed.' }),
    entries: z.array(EntrySchema).optional().meta({
      description: 'Other entry points, each analysed on its own channel (a Studio flow that also answers messages, say).'
    }),
    nodes: z.array(NodeSchema),
    lint: LintSettingsSchema.optional(),
    tests: z.array(TestCallSchema).optional().meta({
      description: 'Saved test calls that run as regression tests.'
    })
  })
  .meta({
    title: 'Zero Out flow',
    description: 'A phone menu (IVR) flow in the Zero Out native format.'
  });
