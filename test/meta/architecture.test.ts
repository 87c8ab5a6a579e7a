/**
 * The shape of the code, enforced: the core is headless and stands on its
 * own, the command line and the designer reach it only through each area's
 * front door (`src/core/<area>/index.ts`), and no module imports itself
 * round a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** Every TypeScript and JavaScript module under src/, as a path relative to the repository. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mts|mjs)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join('src', file).split(path.sep).join('/'))
    .sort();
}

interface Import {
  readonly specifier: string;
  /** The module file it names, relative to the repository, for a relative import. */
  readonly target?: string;
}

/** The modules a file imports, statically or dynamically, and re-exports from. */
function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { specifier };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return { specifier, target };
  });
}

const FILES = sourceFiles();
const IMPORTS = new Map(FILES.map((file) => [file, importsOf(file)]));
const isCore = (file: string): boolean => file.startsWith('src/core/');
const isFace = (file: string): boolean => file.startsWith('src/ui/') || file.startsWith('src/cli/');

/** A front door: the core's own index or one area's. */
const FRONT_DOOR = /^src\/core\/(?:[a-z-]+\/)?index\.ts$/;

/** Node's built-in modules, with or without the `node:` prefix. */
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'child_process', 'worker_threads', 'http', 'https', 'crypto', 'stream', 'events', 'util', 'module', 'process', 'buffer', 'net', 'zlib', 'readline']);

/** The strongly connected components of more than one module (or a module importing itself): the cycles. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative: a deep import chain must not overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

describe('the core', () => {
  // The DOM's globals are kept out by type-checking the core without the DOM library (below).
  it('imports nothing of the designer, the command line, React, xyflow or Node', () => {
    const wrong: string[] = [];
    for (const file of FILES.filter(isCore)) {
      for (const { specifier, target } of IMPORTS.get(file)!) {
        const bare = specifier.replace(/^node:/, '');
        if (
          (target !== undefined && !isCore(target)) ||
          specifier.startsWith('node:') ||
          NODE_BUILTINS.has(bare) ||
          /^(react|react-dom|@xyflow\/|@xstate\/react)/.test(specifier)
        ) {
          wrong.push(`${file} imports ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('type-checks on its own without the DOM or Node types', () => {
    const config = ts.readConfigFile(path.join(SRC, 'core/tsconfig.json'), ts.sys.readFile);
    const options = config.config as { compilerOptions: { lib: string[]; types: string[] } };
    expect(options.compilerOptions.lib.map((lib) => lib.toLowerCase()).filter((lib) => lib.startsWith('dom'))).toEqual([]);
    expect(options.compilerOptions.types).toEqual([]);
    // npm test runs `tsc -p src/core/tsconfig.json` (the typecheck script) before the tests.
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['typecheck']).toContain('src/core/tsconfig.json');
    expect(scripts['test']).toContain('typecheck');
  });
});

describe('the command line and the designer', () => {
  it('reach the core only through its front doors', () => {
    const wrong: string[] = [];
    for (const file of FILES.filter(isFace)) {
      for (const { specifier, target } of IMPORTS.get(file)!) {
        if (target !== undefined && isCore(target) && !FRONT_DOOR.test(target)) wrong.push(`${file} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('tell diagnostics apart by code, never by the words of a message', () => {
    const wrong = FILES.filter((file) => /\.message\s*\.\s*(startsWith|includes|endsWith|match|indexOf)\s*\(|\.message\s*===/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(wrong).toEqual([]);
  });
});

describe('imports', () => {
  it('form no cycle', () => {
    const graph = new Map(FILES.map((file) => [file, IMPORTS.get(file)!.flatMap((i) => (i.target === undefined ? [] : [i.target]))]));
    expect(cycles(graph)).toEqual([]);
  });

  it('are found by the cycle check when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});
