import { describe, expect, it } from 'vitest';
import {
  addComment,
  emptyReview,
  openCommentsByNode,
  parseNewComment,
  parseResolution,
  parseReviewText,
  removeComment,
  reviewText,
  setResolved,
  type ReviewFile
} from '../../../src/core/review/comments.ts';

const FILE = 'flows/bank.review.json';

/** A review file as written by hand, in the canonical form. */
const TEXT = `{
  "version": 1,
  "flow": "bank",
  "comments": [
    {
      "id": "c-1",
      "node": "main-menu",
      "author": "Ana",
      "text": "Say \\"agent\\" earlier.\\nCallers give up.",
      "created": "2024-05-01T09:30:00.000Z",
      "resolved": true,
      "resolvedBy": "Ben",
      "resolvedAt": "2024-05-02T10:00:00.000Z"
    },
    {
      "id": "c-2",
      "node": "welcome",
      "author": "Ben",
      "text": "Shorter, please.",
      "created": "2024-05-01T13:00:00+02:00",
      "resolved": false
    }
  ]
}
`;

function problems(document: unknown): string[] {
  const result = parseReviewText(typeof document === 'string' ? document : JSON.stringify(document), FILE);
  return result.ok ? [] : result.problems.map((p) => `${p.file}#${p.pointer}: ${p.message}`);
}

/** `text` escaped for use in a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function parsed(text: string): ReviewFile {
  const result = parseReviewText(text, FILE);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.review;
}

const comment = { id: 'c-1', node: 'welcome', author: 'Ana', text: 'Hi', created: '2024-05-01T09:30:00.000Z', resolved: false };

describe('parseReviewText and reviewText', () => {
  it('round-trips a valid file byte for byte', () => {
    expect(reviewText(parsed(TEXT))).toBe(TEXT);
  });

  it('writes the empty review of a flow', () => {
    expect(reviewText(emptyReview('bank'))).toBe('{\n  "version": 1,\n  "flow": "bank",\n  "comments": []\n}\n');
    expect(parsed(reviewText(emptyReview('bank')))).toEqual(emptyReview('bank'));
  });

  it('writes fields in a fixed order and comments in creation order', () => {
    const review = parsed(TEXT);
    const [first, second] = review.comments;
    if (!first || !second) throw new Error('two comments expected');
    const reversed = Object.fromEntries(Object.entries(second).reverse()) as typeof second;
    const shuffled = { comments: [reversed, first], flow: 'bank', version: 1 as const };
    expect(reviewText(shuffled)).toBe(TEXT);
  });

  it.each([
    ['malformed JSON', '{"version": 1,', [/#: malformed JSON/]],
    ['not an object', '[]', ['#: expected object, got an array']],
    ['another version', { version: 2, flow: 'bank', comments: [] }, ['#/version: expected 1, got number 2']],
    ['no comments', { version: 1, flow: 'bank' }, ['#/comments: missing required field "comments"']],
    ['an unknown field', { version: 1, flow: 'bank', comments: [{ ...comment, likes: 3 }] }, ['#/comments/0/likes: unknown field "likes"']],
    ['an empty author', { version: 1, flow: 'bank', comments: [comment, { ...comment, id: 'c-2', author: '  ' }] }, ['#/comments/1/author: a name cannot be empty']],
    ['a long author', { version: 1, flow: 'bank', comments: [{ ...comment, author: 'a'.repeat(81) }] }, ['#/comments/0/author: a name is at most 80 characters']],
    ['blank text', { version: 1, flow: 'bank', comments: [{ ...comment, text: ' \n' }] }, ['#/comments/0/text: a comment needs some text']],
    ['long text', { version: 1, flow: 'bank', comments: [{ ...comment, text: 'x'.repeat(4001) }] }, ['#/comments/0/text: a comment is at most 4000 characters']],
    ['a date that is no timestamp', { version: 1, flow: 'bank', comments: [{ ...comment, created: 'May 1st' }] }, [/#\/comments\/0\/created: expected an ISO 8601 timestamp/]],
    ['resolved as a string', { version: 1, flow: 'bank', comments: [{ ...comment, resolved: 'yes' }] }, ['#/comments/0/resolved: expected boolean, got string "yes"']],
    ['a duplicate id', { version: 1, flow: 'bank', comments: [comment, { ...comment, node: 'goodbye' }] }, ['#/comments/1/id: duplicate comment id "c-1" (first used at /comments/0/id)']],
    ['an open comment with a resolver', { version: 1, flow: 'bank', comments: [{ ...comment, resolvedAt: '2024-05-02T10:00:00Z' }] }, ['#/comments/0/resolvedAt: comment "c-1" is not resolved, so it has no "resolvedAt"']]
  ])('refuses %s, naming the file and the pointer', (_name, document, expected) => {
    const found = problems(document);
    expect(found).toHaveLength(expected.length);
    expected.forEach((want, index) => {
      expect(found[index]).toMatch(typeof want === 'string' ? new RegExp(`^${FILE}${escape(want)}$`) : want);
    });
  });
});

describe('parseNewComment and parseResolution', () => {
  it('trims the author and keeps the text as written', () => {
    expect(parseNewComment({ node: 'welcome', author: '  Ana ', text: ' Hi\n' }, 'the request body')).toEqual({
      ok: true,
      value: { node: 'welcome', author: 'Ana', text: ' Hi\n' }
    });
  });

  it('names the field at fault', () => {
    const result = parseNewComment({ node: 'welcome', text: 'Hi' }, 'the request body');
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'schema', severity: 'error', file: 'the request body', pointer: '/author', message: 'missing required field "author"' }]
    });
    const resolution = parseResolution({ resolved: 'yes' }, 'the request body');
    expect(resolution.ok ? [] : resolution.problems.map((p) => p.pointer)).toEqual(['/resolved']);
  });
});

describe('addComment', () => {
  it('adds an open comment last, with its id and time, leaving the review given alone', () => {
    const before = parsed(TEXT);
    const now = new Date('2024-05-03T08:00:00.000Z');
    const after = addComment(before, { node: 'goodbye', author: ' Cy ', text: 'Thank them.' }, { id: 'c-3', now });
    expect(after.comments).toHaveLength(3);
    expect(before.comments).toHaveLength(2);
    expect(after.comments[2]).toEqual({
      id: 'c-3',
      node: 'goodbye',
      author: 'Cy',
      text: 'Thank them.',
      created: '2024-05-03T08:00:00.000Z',
      resolved: false
    });
    // Only the new comment's lines are added to the file.
    expect(reviewText(after).startsWith(TEXT.slice(0, TEXT.lastIndexOf('\n    }')))).toBe(true);
  });

  it('refuses an invalid comment or a taken id', () => {
    const now = new Date();
    expect(() => addComment(emptyReview('bank'), { node: 'welcome', author: '', text: 'Hi' }, { id: 'c-1', now })).toThrow(/\/author: a name cannot be empty/);
    const one = addComment(emptyReview('bank'), { node: 'welcome', author: 'Ana', text: 'Hi' }, { id: 'c-1', now });
    expect(() => addComment(one, { node: 'welcome', author: 'Ana', text: 'Again' }, { id: 'c-1', now })).toThrow(/"c-1" is already used/);
  });
});

describe('setResolved', () => {
  const now = new Date('2024-05-04T12:00:00.000Z');

  it('resolves a comment, saying by whom and when', () => {
    const after = setResolved(parsed(TEXT), 'c-2', true, { by: ' Ana ', now });
    expect(after?.comments[1]).toMatchObject({ id: 'c-2', resolved: true, resolvedBy: 'Ana', resolvedAt: '2024-05-04T12:00:00.000Z' });
    const anonymous = setResolved(parsed(TEXT), 'c-2', true, { now });
    expect(anonymous?.comments[1]).not.toHaveProperty('resolvedBy');
    expect(reviewText(after as ReviewFile)).toContain('"resolved": true,\n      "resolvedBy": "Ana",\n      "resolvedAt"');
  });

  it('opens a comment again, dropping who resolved it', () => {
    const after = setResolved(parsed(TEXT), 'c-1', false, { by: 'Cy', now });
    expect(after?.comments[0]).toEqual({
      id: 'c-1',
      node: 'main-menu',
      author: 'Ana',
      text: 'Say "agent" earlier.\nCallers give up.',
      created: '2024-05-01T09:30:00.000Z',
      resolved: false
    });
  });

  it('leaves a comment already in that state as it is, and answers undefined for an unknown one', () => {
    const review = parsed(TEXT);
    expect(setResolved(review, 'c-1', true, { by: 'Cy', now })).toBe(review);
    expect(setResolved(review, 'c-9', true, { now })).toBeUndefined();
  });
});

describe('removeComment', () => {
  it('removes the comment, or answers undefined when there is none', () => {
    const review = parsed(TEXT);
    expect(removeComment(review, 'c-1')?.comments.map((c) => c.id)).toEqual(['c-2']);
    expect(removeComment(review, 'c-9')).toBeUndefined();
    expect(review.comments).toHaveLength(2);
  });
});

describe('openCommentsByNode', () => {
  it('counts the unresolved comments of each node', () => {
    const now = new Date();
    let review = parsed(TEXT);
    review = addComment(review, { node: 'welcome', author: 'Cy', text: 'And slower.' }, { id: 'c-3', now });
    review = addComment(review, { node: 'goodbye', author: 'Cy', text: 'Fine.' }, { id: 'c-4', now });
    review = setResolved(review, 'c-4', true, { now }) ?? review;
    expect(openCommentsByNode(review)).toEqual(new Map([['welcome', 2]]));
  });
});
