/**
 * The rules' examples as flow documents, and what the rules' docs
 * (rules/docs/) share to write them. The CLI prints these documents and the
 * tests lint the same ones, so what a reader sees is what was proven to show
 * the rule's point.
 */
import { FORMAT_VERSION } from '../../model/schema.ts';
import type { FlowNode, NodeOfKind } from '../../model/types.ts';
import type { RuleDocs, RuleExample } from '../types.ts';

/** A flow document as a `.ivr.json` file holds it. */
export interface ExampleDocument {
  readonly version: number;
  readonly id: string;
  readonly name: string;
  readonly locales?: readonly string[];
  readonly start: string;
  readonly nodes: readonly FlowNode[];
}

/** An example's flow, and the flows to lint together with it. */
export interface ExampleFlows {
  readonly flow: ExampleDocument;
  readonly alongside: readonly ExampleDocument[];
  /** The flow's earlier version, linted against as `--base`, when the example has one. */
  readonly base?: ExampleDocument;
}

/** Which of a rule's two examples. */
export type ExampleKind = 'bad' | 'good';

function documentOf(id: string, name: string, nodes: readonly FlowNode[], locales?: readonly string[]): ExampleDocument {
  return {
    version: FORMAT_VERSION,
    id,
    name,
    ...(locales === undefined ? {} : { locales }),
    start: nodes[0]?.id ?? '',
    nodes
  };
}

/**
 * A rule's bad or good example as complete flow documents, ready to save and
 * lint: `id` is the rule's, `docs` its documentation.
 */
export function exampleFlows(id: string, docs: RuleDocs, which: ExampleKind): ExampleFlows {
  const example: RuleExample = docs[which];
  return {
    flow: documentOf(`${id}-${which}`, `${id}: ${which} example`, example.nodes, example.locales),
    alongside: Object.entries(example.alongside ?? {}).map(([id, nodes]) => documentOf(id, id, nodes)),
    ...(example.base === undefined
      ? {}
      : { base: documentOf(`${id}-${which}`, `${id}: ${which} example, earlier version`, example.base, example.locales) })
  };
}

/** The queue most examples end in: a short wait, overflowing to voicemail. */
export const AGENT: NodeOfKind<'queue'> = {
  id: 'agent',
  kind: 'queue',
  queue: 'Support',
  expectedWaitSeconds: 20,
  overflow: 'voicemail'
};

/** Where the agent queue overflows to. */
export const VOICEMAIL: NodeOfKind<'voicemail'> = {
  id: 'voicemail',
  kind: 'voicemail',
  mailbox: 'general',
  prompt: 'Please leave a message after the tone.'
};

/**
 * A rule's details from its paragraphs: why it matters, when it fires, how
 * to fix what it finds.
 *
 * Free of side effects, as `exampleMenu` is, and marked so: a bundle that
 * imports the docs registry without reading it (the designer, through
 * core/analysis/index.ts) can then drop every rule's documentation.
 */
/* @__NO_SIDE_EFFECTS__ */
export function paragraphs(...texts: readonly string[]): string {
  return texts.join('\n\n');
}

/**
 * A menu whose silence and wrong keys come back to it, twice at most, and
 * then go to the agent queue: the retry handling most examples want, so
 * that each shows only what its rule is about.
 */
/* @__NO_SIDE_EFFECTS__ */
export function exampleMenu(
  id: string,
  prompt: string,
  choices: readonly (readonly [key: NonNullable<NodeOfKind<'menu'>['options'][number]['key']>, next: string])[],
  extra: Partial<NodeOfKind<'menu'>> = {}
): NodeOfKind<'menu'> {
  return {
    id,
    kind: 'menu',
    prompt,
    options: choices.map(([key, next]) => ({ key, next })),
    noInput: id,
    invalid: id,
    maxRetries: 2,
    onMaxRetries: 'agent',
    ...extra
  };
}
