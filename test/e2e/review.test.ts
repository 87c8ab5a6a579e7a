/**
 * Review: the report's Mermaid diagram as Mermaid itself reads it, comparing
 * two versions of a flow on the canvas, and review mode with comments.
 */
import path from 'node:path';
import { marked, type Tokens } from 'marked';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup } from '../cli/helpers.ts';
import { bankReport } from '../support/report.ts';
import { root, useDesigner } from './harness.ts';

const { designer } = useDesigner();

afterAll(cleanup);

describe('the report for a pull request', () => {
  it('holds a Mermaid diagram that Mermaid parses', async () => {
    const markdown = await bankReport();
    const blocks = marked.lexer(markdown).filter((t): t is Tokens.Code => t.type === 'code' && t.lang === 'mermaid');
    expect(blocks).toHaveLength(1);
    const page = await designer().newPage();
    await page.setContent('<!doctype html><title>Mermaid</title>');
    await page.addScriptTag({ path: path.join(root, 'node_modules/mermaid/dist/mermaid.min.js') });
    const parse = (text: string) =>
      page.evaluate(async (source) => {
        const mermaid = (globalThis as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<{ diagramType: string }> } }).mermaid;
        mermaid.initialize({ startOnLoad: false });
        try {
          return (await mermaid.parse(source)).diagramType;
        } catch (error) {
          return `error: ${String(error)}`;
        }
      }, text);
    expect(await parse(blocks[0]!.text)).toBe('flowchart-v2');
    // The check can fail: a broken diagram is refused.
    expect(await parse(blocks[0]!.text.replace('-->|', '-->|"'))).toMatch(/^error: /);
    await page.close();
  });
});
