/**
 * Reading Archy YAML: the document as plain data, where each JSON pointer's
 * value sits in the text (so findings name a line and column of the YAML
 * file), and the Terraform / Archy substitution tokens the file holds.
 *
 * YAML 1.2 (the `yaml` package's default, as Archy writes): `yes:` and `no:`,
 * a decision's outputs, stay strings. A token such as `{{ivr_failure}}`,
 * which files in the wild hold until Terraform substitutes it, is a YAML flow
 * mapping (`{{ivr_failure: null}: null}`); it is read as the string it
 * stands for, and the place it sat is kept so an export can write it back as
 * it came (unquoted).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { DIAGNOSTIC_CODES, type Problem } from '../../diagnostic/index.ts';
import type { Locate } from '../../json/locate.ts';
import { MAX_WALK_DEPTH } from '../../json/limits.ts';
import { setField } from '../../json/plain.ts';
import { escapeToken, parsePointer } from '../../json/pointer.ts';

/** A substitution token read as a string: the value at `pointer`, or (`key`) the last field name of `pointer`. */
export interface Placeholder {
  readonly pointer: string;
  readonly key?: true;
}

export type YamlResult = { ok: true; value: unknown; locate: Locate; placeholders: readonly Placeholder[] } | { ok: false; problems: Problem[] };

/** `{{name}}`: a substitution token, as Terraform's templatefile and Archy's options file write them. */
const TOKEN = /^\{\{[^{}]*\}\}$/;

/**
 * The most values a document may read as, aliases expanded: a document of a
 * few anchors cannot grow past it ("billion laughs"). A flow of 10,000
 * actions holds a few hundred thousand.
 */
const MAX_VALUES = 1_000_000;

/** The substitution tokens each document read here held, by the document (the importer reads them from there). */
const documentPlaceholders = new WeakMap<object, readonly Placeholder[]>();

/** The substitution tokens a document read by {@link readYaml} held; undefined for a document read otherwise (JSON). */
export function placeholdersOf(document: unknown): readonly Placeholder[] | undefined {
  return typeof document === 'object' && document !== null ? documentPlaceholders.get(document) : undefined;
}

class TooLarge extends Error {}

/** The path to a value as a linked list, last token first. */
interface Path {
  readonly parent: Path | undefined;
  readonly token: string;
}

function pointerOf(path: Path | undefined): string {
  const tokens: string[] = [];
  for (let at = path; at !== undefined; at = at.parent) tokens.push(`/${escapeToken(at.token)}`);
  return tokens.reverse().join('');
}

type YamlNode = Node | null | undefined;

/**
 * A YAML file's text as data, with the place of every value. Never throws:
 * text that is no YAML gives a problem at the line and column where it
 * stops being YAML.
 */
export function readYaml(text: string, file: string): YamlResult {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const fail = (offset: number, message: string): YamlResult => ({
    ok: false,
    problems: [{ code: DIAGNOSTIC_CODES.jsonMalformed, severity: 'error', file, pointer: '', message, ...at(offset) }]
  });
  let parsed: Document;
  try {
    parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, version: '1.2' });
  } catch (error) {
    // The parser recurses into nested collections: a file nested thousands deep exhausts the stack.
    if (error instanceof RangeError) return fail(0, 'the YAML file is nested too deeply to read');
    return fail(0, `malformed YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const error = parsed.errors[0];
  if (error !== undefined && /call stack/i.test(error.message)) return fail(0, 'the YAML file is nested too deeply to read');
  if (error !== undefined) return fail(error.pos[0], `malformed YAML: ${error.message.split('\n')[0]}`);

  // What each alias refers to: the last anchor of its name before it (found once, not per use).
  const anchored = new Map<Alias, YamlNode>();
  if (text.includes('*')) {
    try {
      const anchors = new Map<string, YamlNode>();
      visit(parsed, {
        Node(_, node) {
          if (isAlias(node)) anchored.set(node, anchors.get(node.source));
          else if (node.anchor !== undefined) anchors.set(node.anchor, node);
        }
      });
    } catch (error) {
      if (error instanceof RangeError) return fail(0, 'the YAML file is nested too deeply to read');
      throw error;
    }
  }

  const placeholders: Placeholder[] = [];
  let values = 0;
  const expanding = new Set<object>();
  const source = (node: { range?: [number, number, number] | null }): string => (node.range ? text.slice(node.range[0], node.range[1]).trim() : '');
  /** A map key as data: a scalar's value as text; a collection (a `{{token}}:`) as written. */
  const keyOf = (keyNode: YamlNode): { key: string; token: boolean } => {
    if (keyNode === null || keyNode === undefined) return { key: '', token: false };
    if (isScalar(keyNode)) return { key: String(keyNode.value), token: false };
    const key = source(keyNode);
    return { key, token: isMap(keyNode) && keyNode.flow === true && TOKEN.test(key) };
  };

  // The path to a value, as a linked list: a pointer is made only for a token found.
  const convert = (node: YamlNode, path: Path | undefined, depth: number): unknown => {
    if (++values > MAX_VALUES) throw new TooLarge('it holds more values than a flow file may (aliases expanded)');
    if (depth > MAX_WALK_DEPTH) throw new TooLarge(`values are nested more than ${MAX_WALK_DEPTH} deep`);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = anchored.get(node);
      if (target === undefined || target === null) return null;
      if (expanding.has(target)) throw new TooLarge(`the alias *${node.source} refers to a value that holds it`);
      expanding.add(target);
      try {
        return convert(target, path, depth + 1);
      } finally {
        expanding.delete(target);
      }
    }
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value : source(node);
      return String(value);
    }
    if (isMap(node)) {
      if (node.flow && TOKEN.test(source(node))) {
        placeholders.push({ pointer: pointerOf(path) });
        return source(node);
      }
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const { key, token } = keyOf(pair.key as YamlNode);
        const member: Path = { parent: path, token: key };
        if (token) placeholders.push({ pointer: pointerOf(member), key: true });
        const value = convert(pair.value as YamlNode, member, depth + 1);
        setField(object, key, value);
      }
      return object;
    }
    if (isSeq(node)) return node.items.map((item, index) => convert(item as YamlNode, { parent: path, token: String(index) }, depth + 1));
    return null;
  };

  let value: unknown;
  try {
    value = convert(parsed.contents as YamlNode, undefined, 0);
  } catch (error) {
    if (error instanceof TooLarge) return fail(0, `the YAML file is too large to read: ${error.message}`);
    throw error;
  }
  if (typeof value === 'object' && value !== null) documentPlaceholders.set(value, placeholders);

  /**
   * Where a pointer's value sits: found by walking the YAML from its root
   * (only for the pointers a finding names). A field is placed at its key,
   * an item of a list where it starts.
   */
  const locate: Locate = (pointer) => {
    let node = parsed.contents as YamlNode;
    let offset = node?.range?.[0] ?? 0;
    for (const token of parsePointer(pointer)) {
      for (let hops = 0; isAlias(node) && hops < 64; hops++) node = anchored.get(node);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyOf(item.key as YamlNode).key === token);
        if (pair === undefined) return undefined;
        const keyNode = pair.key as YamlNode;
        const start = keyNode?.range?.[0] ?? (pair.value as YamlNode)?.range?.[0];
        if (start === undefined) return undefined;
        offset = start;
        node = pair.value as YamlNode;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
        const item = node.items[Number(token)] as YamlNode;
        const start = item?.range?.[0];
        if (start === undefined) return undefined;
        offset = start;
        node = item;
      } else return undefined;
    }
    return at(offset);
  };
  return { ok: true, value, locate, placeholders };
}
