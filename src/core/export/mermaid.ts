/**
 * A flow as a Mermaid flowchart, for READMEs, wikis and pull requests.
 *
 * Flow ids are arbitrary strings (`__proto__`, `a.b`, `x"y`, `end`), so the
 * diagram never uses them as Mermaid ids: nodes get generated ids (`n0`, `n1`,
 * … in file order; `m0`, `m1`, … for targets that do not exist) and every
 * label is escaped with Mermaid entity codes.
 */
import { outcomesOf } from '../model/outcomes.ts';
import type { Flow, FlowNode } from '../model/types.ts';

/** A flow reduced to what a diagram draws. Shared by the Mermaid and DOT exports. */
export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  /** Targets that name no node, one entry per distinct id. */
  readonly missing: readonly { readonly key: string; readonly id: string }[];
  /** Wired outcomes only; unwired outcomes are not drawn. */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly label: string }[];
}

export interface DiagramNode {
  /** The generated diagram id. */
  readonly key: string;
  /** The node's id, as written in the flow. */
  readonly id: string;
  readonly title: string;
  readonly node: FlowNode;
  readonly start: boolean;
}

/** Builds the drawable graph: generated ids, wired edges and missing targets. */
export function diagramOf(flow: Flow): Diagram {
  const keys = new Map<string, string>();
  const nodes: DiagramNode[] = [];
  flow.nodes.forEach((node, index) => {
    const key = `n${index}`;
    // A repeated id (only possible in a flow that failed to load) draws its edges from the first.
    if (!keys.has(node.id)) keys.set(node.id, key);
    nodes.push({ key, id: node.id, title: node.name ?? node.id, node, start: node.id === flow.start });
  });
  const missing: { key: string; id: string }[] = [];
  const edges: { from: string; to: string; label: string }[] = [];
  for (const item of nodes) {
    for (const outcome of outcomesOf(item.node)) {
      if (outcome.target === undefined) continue;
      let to = keys.get(outcome.target);
      if (to === undefined) {
        to = `m${missing.length}`;
        missing.push({ key: to, id: outcome.target });
        keys.set(outcome.target, to);
      }
      edges.push({ from: item.key, to, label: outcome.name });
    }
  }
  return { nodes, missing, edges };
}

/** Opening and closing brackets of the Mermaid shape for each kind. */
function shapeOf(node: FlowNode): readonly [string, string] {
  switch (node.kind) {
    case 'menu':
      return ['{{', '}}'];
    case 'branch':
    case 'hours':
      return ['{', '}'];
    case 'input':
      return ['[/', '/]'];
    case 'lookup':
      return ['[(', ')]'];
    case 'set':
      return ['(', ')'];
    case 'queue':
      return ['([', '])'];
    case 'transfer':
      return node.reachesPerson ? ['([', '])'] : ['[[', ']]'];
    case 'voicemail':
    case 'callback':
      return ['>', ']'];
    case 'subflow':
      return ['[[', ']]'];
    case 'hangup':
      return ['((', '))'];
    case 'return':
      return ['(((', ')))'];
    case 'opaque':
      return ['[/', '\\]'];
    case 'prompt':
      return ['[', ']'];
  }
}

const SAFE = /[\p{L}\p{N} _.,:()?!+-]/u;

/**
 * Escapes text for a quoted Mermaid label: anything outside a small safe set
 * becomes an entity code (`#34;`), so quotes, brackets, pipes, `#`, `%%`,
 * backticks and HTML cannot end the label or be read as markup.
 */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ')) {
    out += SAFE.test(char) ? char : `#${char.codePointAt(0) ?? 0};`;
  }
  return out;
}

/** Nodes to mark on the diagram, by id: those a change added and those it changed. */
export interface MermaidHighlight {
  readonly added?: ReadonlySet<string>;
  readonly changed?: ReadonlySet<string>;
}

/**
 * Draws a flow as a Mermaid `flowchart LR`: one node per flow node, shaped by
 * kind, edges labelled with the outcome name, and references to missing nodes
 * drawn to a red "missing: id" node. Highlighted nodes are filled green
 * (added) or amber (changed).
 */
export function toMermaid(flow: Flow, highlight: MermaidHighlight = {}): string {
  const diagram = diagramOf(flow);
  const lines = ['flowchart LR'];
  for (const item of diagram.nodes) {
    const [open, close] = shapeOf(item.node);
    lines.push(`  ${item.key}${open}"${escapeMermaid(item.title)}<br/>${item.node.kind}"${close}`);
  }
  for (const item of diagram.missing) {
    lines.push(`  ${item.key}["missing: ${escapeMermaid(item.id)}"]`);
  }
  for (const edge of diagram.edges) {
    lines.push(`  ${edge.from} -->|"${escapeMermaid(edge.label)}"| ${edge.to}`);
  }
  lines.push('  classDef start stroke-width:3px');
  lines.push('  classDef missing fill:#fdecea,stroke:#c62828,color:#c62828');
  const start = diagram.nodes.find((item) => item.start);
  if (start) lines.push(`  class ${start.key} start`);
  if (diagram.missing.length > 0) {
    lines.push(`  class ${diagram.missing.map((item) => item.key).join(',')} missing`);
  }
  for (const [name, ids, style] of [
    ['added', highlight.added, 'fill:#e6f4ea,stroke:#1e8e3e,color:#0d5323'],
    ['changed', highlight.changed, 'fill:#fff4e5,stroke:#b26a00,color:#5c3700']
  ] as const) {
    const keys = diagram.nodes.filter((item) => ids?.has(item.id) === true).map((item) => item.key);
    if (keys.length === 0) continue;
    lines.push(`  classDef ${name} ${style}`);
    lines.push(`  class ${keys.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
