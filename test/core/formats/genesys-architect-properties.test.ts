/**
 * Properties of the Architect import: whatever a YAML file holds (the corpus
 * with its text edited at random, or with any part of its data replaced), it
 * is read, imported and linted without throwing; what cannot be used is a
 * problem that names the file.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/engine.ts';
import { loadAnyFlow, parseFlowText } from '../../../src/core/formats/index.ts';
import { importArchitect } from '../../../src/core/formats/genesys-architect/import/index.ts';
import { readYaml } from '../../../src/core/formats/genesys-architect/yaml.ts';
import { corpusFiles, corpusPath } from '../../support/corpus.ts';

const TEXTS = corpusFiles('genesys').map((file) => readFileSync(corpusPath('genesys', file), 'utf8'));

/** Reads, imports and lints as the command line does; returns nothing, throws only on a bug. */
function readAll(text: string): void {
  const file = 'mutated.yaml';
  const parsed = parseFlowText(text, file);
  if (!parsed.ok) {
    for (const problem of parsed.problems) expect(problem.file).toBe(file);
    return;
  }
  const loaded = loadAnyFlow(parsed.value, file);
  if (!loaded.ok) {
    for (const problem of loaded.problems) {
      expect(problem.file).toBe(file);
      // What an importer threw is caught and said as "could not import …": a bug, never an answer.
      expect(problem.message).not.toMatch(/could not import/);
    }
    return;
  }
  for (const finding of lintFlow(loaded.flow).findings) parsed.locate?.(finding.pointer);
}

/** Characters that change what YAML means: structure, quotes, anchors, tokens, indentation. */
const YAML_CHARS = fc.constantFrom(...':-{}[]#&*!|>\'"%@`,? \n\t  x1_'.split(''), '{{', '}}', '- ', ': ', '\n  ', 'yes', 'no', '~', '&a ', '*a');

/** An edit of a text at a place given as a fraction of its length. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: YAML_CHARS, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('moveLine' as const), from: fc.nat(), to: fc.nat() })
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, e: Edit): string {
  switch (e.kind) {
    case 'insert': {
      const at = Math.floor(e.at * text.length);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = Math.floor(e.at * text.length);
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = e.line % lines.length;
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i]! : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
    case 'moveLine': {
      const lines = text.split('\n');
      const [moved] = lines.splice(e.from % lines.length, 1);
      lines.splice(e.to % (lines.length + 1), 0, moved!);
      return lines.join('\n');
    }
  }
}

/** Every place in a value: the containers and keys (or indexes) of its parts. */
function places(value: unknown, found: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []): typeof found {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push({ parent: value, key: index });
      places(item, found);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.push({ parent: value as Record<string, unknown>, key });
      places((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

/** Values Architect's wrappers and lists might wrongly hold. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, '', [], {}, { noValue: true }, { lit: {} }, { exp: '' }, { actions: 'x' }, [{}], [{ a: 1, b: 2 }], { menu: null }, { task: { actions: [{ jumpToTask: { targetTaskRef: './tasks/task[x]' } }] } }, '__proto__')
);

describe('genesys-architect: any edit of a corpus file', () => {
  it('is read, imported and linted without throwing (text edits)', () => {
    fc.assert(
      fc.property(fc.nat({ max: TEXTS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (index, edits) => {
        readAll(edits.reduce((text, e) => applyEdit(text, e), TEXTS[index]!));
      }),
      { numRuns: 150 }
    );
  });

  it('is imported and linted without throwing (any part of its data replaced or removed)', () => {
    const documents = TEXTS.map((text) => {
      const read = readYaml(text, 'corpus.yaml');
      if (!read.ok) throw new Error('corpus file is not YAML');
      return read.value;
    });
    fc.assert(
      fc.property(fc.nat({ max: documents.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.boolean(), replacement), { minLength: 1, maxLength: 3 }), (index, changes) => {
        const document = structuredClone(documents[index]);
        for (const [at, remove, value] of changes) {
          const all = places(document);
          if (all.length === 0) break;
          const { parent, key } = all[at % all.length]!;
          if (remove && Array.isArray(parent)) parent.splice(key as number, 1);
          else if (remove) delete (parent as Record<string, unknown>)[key as string];
          else (parent as Record<string | number, unknown>)[key] = structuredClone(value);
        }
        // The importer itself, without the catch its format wraps it in: a throw fails the property.
        const result = importArchitect(document, 'mutated.yaml');
        if (!result.ok) {
          for (const problem of result.problems) expect(problem.file).toBe('mutated.yaml');
          return;
        }
        expect(() => lintFlow(result.flow)).not.toThrow();
      }),
      { numRuns: 150 }
    );
  });
});
