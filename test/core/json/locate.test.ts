import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateNearest, locatePointers, locateSyntaxError } from '../../../src/core/json/locate.ts';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('locatePointers', () => {
  it('finds the root, members and array items', () => {
    const text = '{\n  "a": [1, 2],\n  "b": {"c": "x"}\n}';
    const locate = locatePointers(text);
    expect(locate('')).toEqual({ line: 1, column: 1 });
    expect(locate('/a')).toEqual({ line: 2, column: 8 });
    expect(locate('/a/0')).toEqual({ line: 2, column: 9 });
    expect(locate('/a/1')).toEqual({ line: 2, column: 12 });
    expect(locate('/b')).toEqual({ line: 3, column: 8 });
    expect(locate('/b/c')).toEqual({ line: 3, column: 14 });
  });

  it('returns undefined for pointers that are not in the document', () => {
    const locate = locatePointers('{"a": [1]}');
    expect(locate('/b')).toBeUndefined();
    expect(locate('/a/1')).toBeUndefined();
    expect(locate('/a/0/x')).toBeUndefined();
    expect(locate('a')).toBeUndefined();
  });

  it('uses RFC 6901 escaping for keys with "/" and "~"', () => {
    const locate = locatePointers('{"a/b": 1, "m~n": 2, "": 3}');
    expect(locate('/a~1b')).toEqual({ line: 1, column: 9 });
    expect(locate('/m~0n')).toEqual({ line: 1, column: 19 });
    expect(locate('/')).toEqual({ line: 1, column: 26 });
  });

  it('decodes escapes in keys', () => {
    const locate = locatePointers('{"q\\"x\\u0041\\n": true}');
    expect(locate('/q"xA\n')).toEqual({ line: 1, column: 18 });
  });

  it('treats __proto__ like any other key', () => {
    const locate = locatePointers('{"__proto__": {"constructor": 1}}');
    expect(locate('/__proto__')).toEqual({ line: 1, column: 15 });
    expect(locate('/__proto__/constructor')).toEqual({ line: 1, column: 31 });
    expect(locate('/toString')).toBeUndefined();
  });

  it('lets the last of repeated keys win, like JSON.parse', () => {
    const locate = locatePointers('{"a": 1,\n"a": 2}');
    expect(locate('/a')).toEqual({ line: 2, column: 6 });
  });

  it('handles empty containers, nesting, scalars and CRLF line ends', () => {
    const text = '{"e": {}, "f": [],\r\n "g": [[], [null, false, -1.5e3]]}';
    const locate = locatePointers(text);
    expect(locate('/e')).toEqual({ line: 1, column: 7 });
    expect(locate('/f')).toEqual({ line: 1, column: 16 });
    expect(locate('/g/1/2')).toEqual({ line: 2, column: 26 });
    expect(locate('/g/1/0')).toEqual({ line: 2, column: 13 });
  });

  it('counts columns in UTF-16 code units', () => {
    const locate = locatePointers('{"é😀": "😀", "x": 1}');
    expect(locate('/é😀')).toEqual({ line: 1, column: 9 });
    expect(locate('/x')).toEqual({ line: 1, column: 20 });
  });

  it('keeps what it read before malformed text, without throwing', () => {
    const cases = [
      '{"a": 1, "b": }',
      '{"a": 1,, "b": 2}',
      '{"a": [1, 2,]}',
      '{"a": "unterminated',
      '{"a": "bad \\x escape"}',
      '{"a": "\\u12"}',
      '{"a" 1}',
      '[1 2]',
      '',
      '   ',
      'nope',
      '}',
      '[[[[[[[[',
      '"\\'
    ];
    for (const text of cases) {
      const locate = locatePointers(text);
      expect(() => locate('/a')).not.toThrow();
      expect(() => locate('/zz/0')).not.toThrow();
    }
    expect(locatePointers('{"a": 1, "b": }')('/a')).toEqual({ line: 1, column: 7 });
    expect(locatePointers('{"a": 1, "b": }')('/b')).toBeUndefined();
    expect(locatePointers('{"a": [1, 2,]}')('/a/1')).toEqual({ line: 1, column: 11 });
    expect(locatePointers('{"a": [1, 2,]}')('/a/2')).toBeUndefined();
  });

  it('copes with very deep nesting without overflowing the stack', () => {
    const depth = 50_000;
    const locate = locatePointers('['.repeat(depth) + ']'.repeat(depth));
    expect(locate('/0/0/0')).toEqual({ line: 1, column: 4 });
  });

  it('agrees with JSON.parse on a generated document', () => {
    const document = {
      nodes: Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, 'a/b~c': [i, { x: null }] }))
    };
    const text = JSON.stringify(document, null, 2);
    const locate = locatePointers(text);
    const lines = text.split('\n');
    for (let i = 0; i < 50; i++) {
      const where = locate(`/nodes/${i}/id`);
      expect(where).toBeDefined();
      const line = lines[(where?.line ?? 0) - 1] ?? '';
      expect(line.slice((where?.column ?? 0) - 1)).toBe(`"n${i}",`);
      expect(locate(`/nodes/${i}/a~1b~0c/1/x`)).toBeDefined();
    }
  });
});

describe('locateNearest', () => {
  it('falls back to the closest ancestor that exists', () => {
    const locate = locatePointers('{\n  "nodes": [\n    {"id": "a"}\n  ]\n}');
    expect(locateNearest(locate, '/nodes/0/kind')).toEqual({ line: 3, column: 5 });
    expect(locateNearest(locate, '/nodes/0/id')).toEqual({ line: 3, column: 12 });
    expect(locateNearest(locate, '/missing/deeper')).toEqual({ line: 1, column: 1 });
    expect(locateNearest(locatePointers('oops'), '/a')).toBeUndefined();
  });
});

describe('locateSyntaxError', () => {
  it('is undefined for valid JSON', () => {
    for (const text of ['{}', ' [ ] ', '"x"', '-0.5e+3', 'null', '{"a": [true, false, {"b": "\\u00e9"}]}\n']) {
      expect(locateSyntaxError(text), text).toBeUndefined();
    }
  });

  it('points at the first error, including those JSON.parse gives no position for', () => {
    expect(locateSyntaxError('{"a": }')).toEqual({ line: 1, column: 7 });
    expect(locateSyntaxError('{\n  "a": tru\n}')).toEqual({ line: 2, column: 8 });
    expect(locateSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3 });
    expect(locateSyntaxError('{"a": 1,}')).toEqual({ line: 1, column: 9 });
    expect(locateSyntaxError('[1 2]')).toEqual({ line: 1, column: 4 });
    expect(locateSyntaxError('{}x')).toEqual({ line: 1, column: 3 });
    expect(locateSyntaxError('{"a": 01}')).toEqual({ line: 1, column: 7 });
    expect(locateSyntaxError('{"a": "\t"}')).toEqual({ line: 1, column: 8 });
    expect(locateSyntaxError('{"a": "x')).toEqual({ line: 1, column: 9 });
    expect(locateSyntaxError('')).toEqual({ line: 1, column: 1 });
    expect(locateSyntaxError('{\n')).toEqual({ line: 2, column: 1 });
  });

  it('agrees with JSON.parse on generated JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom(undefined, 0, 2, '\t'), (json, indent) => {
        const text = JSON.stringify(JSON.parse(json), null, indent);
        expect(locateSyntaxError(text)).toBeUndefined();
      })
    );
  });

  it('agrees with JSON.parse on near-JSON text', () => {
    const piece = fc.constantFrom(
      ...['{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '"a"', '"', '\\'],
      ...['1', '-', '.5', 'e2', 'true', 'nul']
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(locateSyntaxError(text) === undefined, JSON.stringify(text)).toBe(parses(text));
      }),
      { numRuns: 2000 }
    );
  });
});

describe('locatePointers on text nested deeper than any file may be', () => {
  it('finds the shallow places, and keeps no pointer of the levels past the walk limit', () => {
    const depth = 200_000;
    const text = `{"nodes": [{"kind": ${'['.repeat(depth)}${']'.repeat(depth)}}], "after": 1}`;
    const locate = locatePointers(text);
    expect(locate('/nodes/0/kind')).toEqual({ line: 1, column: 21 });
    expect(locate('/after')).toEqual({ line: 1, column: 21 + 2 * depth + 13 });
    expect(locate(`/nodes/0/kind${'/0'.repeat(10)}`)).toEqual({ line: 1, column: 31 });
    expect(locate(`/nodes/0/kind${'/0'.repeat(1000)}`)).toBeUndefined();
    expect(locateSyntaxError(text)).toBeUndefined();
  });
});
