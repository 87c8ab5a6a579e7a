/**
 * The environment a design ships to: the names a flow uses mapped to the
 * platform's own references (a Connect queue ARN, a TaskRouter workflow SID,
 * a Function URL), by kind, so a queue and a mailbox that share a name never
 * share a reference. One file serves the command line (`export --env`) and
 * the designer (Export → Environment…):
 *
 * ```json
 * {"queues": {"billing": "arn:aws:connect:…:queue/…"},
 *  "mailboxes": {"billing": "arn:aws:connect:…:contact-flow/…"},
 *  "flows": {}, "functions": {}, "hours": {}, "settings": {}}
 * ```
 *
 * A flat map (`{"billing": "arn:…"}`), as earlier versions wrote, is still
 * read against the flow it ships: each name goes to the kind the flow uses it
 * for, and a name the flow uses for two kinds is an error naming the nodes of
 * each, since one reference cannot be right for both.
 */
import { DIAGNOSTIC_CODES, type Problem } from '../diagnostic/index.ts';
import { escapeToken } from '../json/pointer.ts';
import { limitProblem } from '../json/limits.ts';
import type { Flow, FlowNode } from '../model/types.ts';

/** The kinds of reference, in the order a map lists them. */
export const ENVIRONMENT_KINDS = ['queues', 'mailboxes', 'flows', 'functions', 'hours', 'settings'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** What each kind holds, for messages and the designer's dialog. */
export const ENVIRONMENT_KIND_LABELS: Readonly<Record<EnvironmentKind, string>> = {
  queues: 'queue',
  mailboxes: 'mailbox',
  flows: 'flow',
  functions: 'service',
  hours: 'hours check',
  settings: 'setting'
};

/** Names mapped to references, one table per kind; no table inherits anything. */
export type Environment = { readonly [K in EnvironmentKind]: Readonly<Record<string, string>> };

/** The key of `hours` that serves every hours node the map does not name. */
export const ANY_HOURS = '*';

/** A table with no prototype, so a name such as `__proto__` or `constructor` is only ever data. */
function table(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

export function emptyEnvironment(): Environment {
  return { queues: table(), mailboxes: table(), flows: table(), functions: table(), hours: table(), settings: table() };
}

/** The reference of `name` in one kind of `environment`, when it has a non-empty one. */
export function referenceOf(environment: Environment | undefined, kind: EnvironmentKind, name: string): string | undefined {
  if (environment === undefined) return undefined;
  const references = environment[kind];
  if (!Object.hasOwn(references, name)) return undefined;
  const value = references[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A name a flow uses, the kind of reference it needs, and the nodes that use it. */
export interface EnvironmentUse {
  readonly kind: EnvironmentKind;
  readonly name: string;
  readonly nodes: readonly string[];
}

/** The kind of reference a node needs and the name it needs it under, if any. */
function useOf(node: FlowNode): { kind: EnvironmentKind; name: string } | undefined {
  switch (node.kind) {
    case 'queue':
    case 'callback':
      return { kind: 'queues', name: node.queue };
    case 'voicemail':
      return { kind: 'mailboxes', name: node.mailbox };
    case 'subflow':
      return { kind: 'flows', name: node.flow };
    case 'lookup':
      return { kind: 'functions', name: node.service };
    case 'hours':
      return { kind: 'hours', name: node.id };
    default:
      return undefined;
  }
}

/**
 * The names a flow uses that an environment maps, by kind, each with the
 * nodes using it, in the order of the kinds and then of the names. Imported
 * nodes are left out: they keep the references of the file they came from.
 */
export function environmentUses(flow: Pick<Flow, 'nodes'>): EnvironmentUse[] {
  const byKey = new Map<string, { kind: EnvironmentKind; name: string; nodes: string[] }>();
  for (const node of flow.nodes) {
    if (node.source !== undefined) continue;
    const use = useOf(node);
    if (use === undefined) continue;
    const key = `${use.kind}\u0000${use.name}`;
    const found = byKey.get(key);
    if (found) found.nodes.push(node.id);
    else byKey.set(key, { ...use, nodes: [node.id] });
  }
  const order = new Map(ENVIRONMENT_KINDS.map((kind, i) => [kind, i]));
  return [...byKey.values()].sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** An environment with an empty reference for every name `flow` uses that `environment` lacks: a map to fill in. */
export function environmentTemplate(flow: Pick<Flow, 'nodes'>, environment: Environment = emptyEnvironment()): Environment {
  const filled = emptyEnvironment();
  for (const kind of ENVIRONMENT_KINDS) Object.assign(filled[kind], environment[kind]);
  for (const use of environmentUses(flow)) {
    if (!Object.hasOwn(filled[use.kind], use.name)) (filled[use.kind] as Record<string, string>)[use.name] = '';
  }
  return filled;
}

export type EnvironmentResult = { readonly ok: true; readonly environment: Environment } | { readonly ok: false; readonly problems: readonly Problem[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a parsed map is written by kind: an object whose keys are all kinds, each an object. */
function isByKind(document: Record<string, unknown>): boolean {
  const keys = Object.keys(document);
  return keys.length > 0 && keys.every((key) => (ENVIRONMENT_KINDS as readonly string[]).includes(key) && isObject(document[key]));
}

const SHAPE = 'an environment map is a JSON object of kinds ("queues", "mailboxes", "flows", "functions", "hours", "settings"), each mapping names to references';

/**
 * Reads a parsed environment map. A map by kind is read as it is; a flat map
 * is read against `flow` (without a flow, a flat map is refused: nothing
 * says which kind each name is). Every problem names the pointer at fault.
 */
export function readEnvironment(document: unknown, file: string, flow?: Pick<Flow, 'nodes'>): EnvironmentResult {
  const fail = (pointer: string, message: string, code: Problem['code'] = DIAGNOSTIC_CODES.schema): EnvironmentResult => ({
    ok: false,
    problems: [{ code, severity: 'error', file, pointer, message }]
  });
  if (!isObject(document)) return fail('', `${SHAPE}, such as {"queues": {"support": "arn:aws:connect:…"}}`);
  // Nothing deeper or longer than a file may hold is read (json/limits.ts).
  const tooBig = limitProblem(document, file);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const environment = emptyEnvironment();
  const problems: Problem[] = [];
  if (isByKind(document) || Object.keys(document).length === 0) {
    for (const kind of ENVIRONMENT_KINDS) {
      if (!Object.hasOwn(document, kind)) continue;
      for (const [name, reference] of Object.entries(document[kind] as Record<string, unknown>)) {
        const pointer = `/${kind}/${escapeToken(name)}`;
        if (typeof reference !== 'string') problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer, message: `the reference for ${JSON.stringify(name)} must be a string` });
        else (environment[kind] as Record<string, string>)[name] = reference;
      }
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, environment };
  }
  // A flat map: every value a string, each name placed by the kind the flow uses it for.
  for (const [name, reference] of Object.entries(document)) {
    if (typeof reference !== 'string') {
      problems.push({ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: `/${escapeToken(name)}`, message: `the reference for ${JSON.stringify(name)} must be a string` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (flow === undefined) return fail('', `${SHAPE}; a flat map of names is read only against the flow it ships`);
  const kindsOf = new Map<string, EnvironmentUse[]>();
  for (const use of environmentUses(flow)) kindsOf.set(use.name, [...(kindsOf.get(use.name) ?? []), use]);
  for (const [name, reference] of Object.entries(document as Record<string, string>)) {
    const uses = kindsOf.get(name) ?? [];
    if (uses.length > 1) {
      const each = uses.map((use) => `a ${ENVIRONMENT_KIND_LABELS[use.kind]} (${use.nodes.map((n) => `node ${JSON.stringify(n)}`).join(', ')})`);
      const byKind = `{${uses.map((use) => `"${use.kind}": {${JSON.stringify(name)}: …}`).join(', ')}}`;
      problems.push({
        code: DIAGNOSTIC_CODES.environmentAmbiguous,
        severity: 'error',
        file,
        pointer: `/${escapeToken(name)}`,
        message: `${JSON.stringify(name)} names ${each.join(' and ')}: one reference cannot serve both; write the map by kind, ${byKind}`,
        nodes: uses.flatMap((use) => use.nodes)
      });
      continue;
    }
    // Names of earlier maps that no node uses: the Flex channel, and hours by `hours` or `hours:<node>`.
    if (uses.length === 1) (environment[uses[0]!.kind] as Record<string, string>)[name] = reference;
    else if (name === 'channel') (environment.settings as Record<string, string>)['channel'] = reference;
    else if (name === 'hours') (environment.hours as Record<string, string>)[ANY_HOURS] = reference;
    else if (name.startsWith('hours:')) (environment.hours as Record<string, string>)[name.slice('hours:'.length)] = reference;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, environment };
}

/** The map as JSON, kinds in order, names sorted: what the designer shows and a file keeps. */
export function environmentText(environment: Environment): string {
  const out: Record<string, Record<string, string>> = {};
  for (const kind of ENVIRONMENT_KINDS) {
    const sorted: Record<string, string> = {};
    for (const name of Object.keys(environment[kind]).sort()) {
      Object.defineProperty(sorted, name, { value: environment[kind][name], enumerable: true, writable: true, configurable: true });
    }
    out[kind] = sorted;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
