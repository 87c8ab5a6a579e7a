import type { ReactNode } from 'react';
import type { Flow } from '../../core/model/index.ts';

/**
 * A panel of the designer that works on a valid flow: its heading, then its
 * content for the flow, or what it waits for while the flow has schema problems.
 */
export function FlowPanel({ name, className, flow, waiting, children }: { name: string; className: string; flow: Flow | undefined; waiting: string; children: (flow: Flow) => ReactNode }) {
  return (
    <section className={className} aria-label={name}>
      <h2>{name}</h2>
      {flow === undefined ? <p className="muted">{waiting}</p> : children(flow)}
    </section>
  );
}
