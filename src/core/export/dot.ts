/**
 * A flow as a Graphviz DOT digraph (`dot -Tsvg flow.dot`).
 *
 * Node ids are generated (`n0`, `m0`, …) as in the Mermaid export, and every
 * text is an HTML-like label (`label=<…>`) escaped with XML entities. A quoted
 * DOT string cannot carry every flow id: `\"` always reads as a quote, so an
 * id that ends in a backslash would run into the closing quote.
 */
import type { Flow, FlowNode } from '../model/types.ts';
import { diagramOf } from './mermaid.ts';

/** Graphviz shape and style for each kind. */
function shapeOf(node: FlowNode): string {
  switch (node.kind) {
    case 'menu':
      return 'shape=hexagon';
    case 'branch':
    case 'hours':
      return 'shape=diamond';
    case 'input':
      return 'shape=parallelogram';
    case 'lookup':
      return 'shape=cylinder';
    case 'set':
      return 'shape=box style=dashed';
    case 'queue':
      return 'shape=box style="rounded,bold"';
    case 'transfer':
      return node.reachesPerson ? 'shape=box style="rounded,bold"' : 'shape=cds';
    case 'voicemail':
    case 'callback':
      return 'shape=tab';
    case 'subflow':
      return 'shape=component';
    case 'hangup':
      return 'shape=circle';
    case 'return':
      return 'shape=doublecircle';
    case 'opaque':
      return 'shape=trapezium';
    case 'prompt':
      return 'shape=box';
  }
}

/** Escapes text for an HTML-like Graphviz label. Control characters and line breaks become spaces. */
export function escapeDotHtml(text: string): string {
  return text
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Draws a flow as a Graphviz digraph (`rankdir=LR`): one node per flow node,
 * shaped by kind, edges labelled with the outcome name, and references to
 * missing nodes drawn to a red "missing: id" node.
 */
export function toDot(flow: Flow): string {
  const diagram = diagramOf(flow);
  const lines = [
    'digraph flow {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica" fontsize=11];',
    '  edge [fontname="Helvetica" fontsize=10];'
  ];
  for (const item of diagram.nodes) {
    const label = `${escapeDotHtml(item.title)}<BR/><FONT POINT-SIZE="9">${item.node.kind}</FONT>`;
    const start = item.start ? ' penwidth=2.5' : '';
    lines.push(`  ${item.key} [${shapeOf(item.node)}${start} label=<${label}>];`);
  }
  for (const item of diagram.missing) {
    const style = 'shape=box style=filled color="#c62828" fontcolor="#c62828" fillcolor="#fdecea"';
    lines.push(`  ${item.key} [${style} label=<missing: ${escapeDotHtml(item.id)}>];`);
  }
  for (const edge of diagram.edges) {
    lines.push(`  ${edge.from} -> ${edge.to} [label=<${escapeDotHtml(edge.label)}>];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
