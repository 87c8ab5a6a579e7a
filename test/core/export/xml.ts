/**
 * A strict XML 1.0 reader for the tests of the SVG export: it throws on
 * anything not well-formed (an unclosed or mismatched tag, a raw `<` or `&`
 * in text or an attribute, an unknown entity, a duplicate attribute, a
 * character XML 1.0 does not allow, a second root) and returns the element
 * tree with entities decoded. No DTDs, CDATA or processing instructions past
 * the XML declaration: the export writes none.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
}

/** XML 1.0's Char production: tab, line feed, carriage return, and the rest of Unicode past the controls, without surrogates or U+FFFE/U+FFFF. */
const NOT_A_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" at ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity at ${where}`);
    if (Object.hasOwn(ENTITIES, body)) return ENTITIES[body]!;
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (numeric === null) throw new Error(`unknown entity &${body}; at ${where}`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    const character = String.fromCodePoint(code);
    if (NOT_A_CHAR.test(character)) throw new Error(`entity of a character XML does not allow at ${where}`);
    return character;
  });
}

export function parseXml(text: string): XmlElement {
  const bad = NOT_A_CHAR.exec(text);
  if (bad !== null) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index} is not allowed in XML 1.0`);
  let at = 0;
  const declaration = /^<\?xml\s[^?]*\?>/.exec(text);
  if (declaration !== null) at = declaration[0].length;
  const stack: { name: string; attributes: Map<string, string>; children: (XmlElement | string)[] }[] = [];
  let root: XmlElement | undefined;
  while (at < text.length) {
    const open = text.indexOf('<', at);
    const chunk = open === -1 ? text.slice(at) : text.slice(at, open);
    if (chunk !== '') {
      if (stack.length === 0) {
        if (chunk.trim() !== '') throw new Error(`text outside the root element at ${at}`);
      } else {
        stack[stack.length - 1]!.children.push(decode(chunk, at));
      }
    }
    if (open === -1) break;
    at = open;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) throw new Error(`unclosed comment at ${at}`);
      at = end + 3;
      continue;
    }
    if (text.startsWith('</', at)) {
      const name = NAME.exec(text.slice(at + 2))?.[0];
      const close = text.indexOf('>', at);
      if (name === undefined || close === -1 || text.slice(at + 2 + name.length, close).trim() !== '') throw new Error(`bad closing tag at ${at}`);
      const element = stack.pop();
      if (element === undefined || element.name !== name) throw new Error(`</${name}> at ${at} closes ${element?.name ?? 'nothing'}`);
      if (stack.length === 0) {
        if (root !== undefined) throw new Error('a second root element');
        root = element;
      } else {
        stack[stack.length - 1]!.children.push(element);
      }
      at = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(at + 1))?.[0];
    if (name === undefined) throw new Error(`bad tag at ${at}`);
    if (stack.length === 0 && root !== undefined) throw new Error(`a second root element at ${at}`);
    at += 1 + name.length;
    const attributes = new Map<string, string>();
    for (;;) {
      const space = /^\s*/.exec(text.slice(at, at + 1000))![0];
      at += space.length;
      if (text.startsWith('/>', at) || text.startsWith('>', at)) break;
      if (space === '') throw new Error(`no space before an attribute at ${at}`);
      const attribute = /^([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text.slice(at, at + 200_000));
      if (attribute === null) throw new Error(`bad attribute at ${at}`);
      if (attributes.has(attribute[1]!)) throw new Error(`duplicate attribute ${attribute[1]} at ${at}`);
      attributes.set(attribute[1]!, decode(attribute[2] ?? attribute[3]!, at));
      at += attribute[0].length;
    }
    const element = { name, attributes, children: [] as (XmlElement | string)[] };
    if (text.startsWith('/>', at)) {
      at += 2;
      if (stack.length === 0) root = element;
      else stack[stack.length - 1]!.children.push(element);
    } else {
      at += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element of a tree, in document order (iteratively: no recursion over the document). */
export function elements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    out.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (typeof child !== 'string') stack.push(child);
    }
  }
  return out;
}

/** An element's text, its descendants' included. */
export function textOf(element: XmlElement): string {
  return elements(element)
    .flatMap((e) => e.children.filter((c): c is string => typeof c === 'string'))
    .join('');
}
