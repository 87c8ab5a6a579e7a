/**
 * What the designer's first load carries: the rules run in the page, but
 * their documentation is for the command line (`zeroout rules <id>`) and
 * must not weigh on every page load.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS } from '../../src/core/analysis/index.ts';
import { root } from './harness.ts';

/** The scripts index.html loads at once (its module and what it preloads), as text. */
function initialScripts(): string {
  const dist = path.join(root, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(files.length).toBeGreaterThan(0);
  return files.map((file) => readFileSync(path.join(dist, file), 'utf8')).join('\n');
}

describe("the designer's first load", () => {
  it('runs the rules but carries none of their documentation', () => {
    const scripts = initialScripts();
    expect(scripts).toContain('no-human-route');
    for (const [id, docs] of RULE_DOCS) {
      // A phrase of each rule's doc: its summary of the bad example.
      expect(scripts.includes(docs.bad.summary), `${id}'s doc is in the bundle`).toBe(false);
    }
  });
});
