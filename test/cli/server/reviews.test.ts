import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReviewText, reviewText, type ReviewComment } from '../../../src/core/review/comments.ts';
import { filesUnder, rawRequest, serveEachTest, WRITE_HEADERS, type ApiProblem } from './support.ts';

type Problem = ApiProblem;

const served = serveEachTest();
const { api } = served;
const reviewPath = (id: string): string => path.join(served.project.flowsDir, `${id}.review.json`);
const onDisk = (id: string): string => readFileSync(reviewPath(id), 'utf8');

function send(method: string, route: string, body: unknown): Promise<Response> {
  return fetch(api(route), { method, headers: { ...WRITE_HEADERS, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function post(id: string, body: unknown): Promise<ReviewComment> {
  const response = await send('POST', `flows/${id}/review/comments`, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { comment: ReviewComment }).comment;
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

describe('GET /api/flows/:id/review', () => {
  it('answers no comments for a flow nobody has commented on, and writes nothing', async () => {
    const response = await fetch(api('flows/bank/review'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ flow: 'bank', comments: [] });
    expect(existsSync(reviewPath('bank'))).toBe(false);
  });

  it('answers 404 for a flow that does not exist, even with a review file left behind', async () => {
    writeFileSync(reviewPath('gone'), '{"version": 1, "flow": "gone", "comments": []}\n');
    const response = await fetch(api('flows/gone/review'));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toContain('gone.ivr.json');
  });
});

describe('POST /api/flows/:id/review/comments', () => {
  it('adds a comment on a node, in the documented file format', async () => {
    const comment = await post('bank', { node: 'main-menu', author: ' Ana ', text: 'Say "agent" earlier.' });
    expect(comment).toEqual({
      id: expect.stringMatching(/^c-[0-9a-f]{12}$/),
      node: 'main-menu',
      author: 'Ana',
      text: 'Say "agent" earlier.',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      resolved: false
    });
    const text = onDisk('bank');
    expect(text).toBe(
      `{\n  "version": 1,\n  "flow": "bank",\n  "comments": [\n    {\n      "id": "${comment.id}",\n` +
        '      "node": "main-menu",\n      "author": "Ana",\n      "text": "Say \\"agent\\" earlier.",\n' +
        `      "created": "${comment.created}",\n      "resolved": false\n    }\n  ]\n}\n`
    );
    const parsed = parseReviewText(text, 'bank.review.json');
    expect(parsed.ok && reviewText(parsed.review)).toBe(text);
    expect(await (await fetch(api('flows/bank/review'))).json()).toEqual({ flow: 'bank', comments: [comment] });
    // The temporary file is gone, and the review file is no flow.
    expect(filesUnder(served.project.flowsDir)).toEqual(['bank.ivr.json', 'bank.review.json', 'clinic.ivr.json']);
  });

  it('keeps both of two comments posted at once', async () => {
    const [first, second] = await Promise.all([
      post('bank', { node: 'welcome', author: 'Ana', text: 'Too long.' }),
      post('bank', { node: 'goodbye', author: 'Ben', text: 'Thank the caller.' })
    ]);
    const parsed = parseReviewText(onDisk('bank'), 'bank.review.json');
    expect(parsed.ok).toBe(true);
    const ids = parsed.ok ? parsed.review.comments.map((c) => c.id).sort() : [];
    expect(ids).toEqual([first?.id, second?.id].sort());
    expect(first?.id).not.toBe(second?.id);
  });

  it('answers 422 naming a node the flow does not have, and writes nothing', async () => {
    const response = await send('POST', 'flows/bank/review/comments', { node: 'billing2', author: 'Ana', text: 'Hm.' });
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toContain('"billing2"');
    expect(existsSync(reviewPath('bank'))).toBe(false);
  });

  it('answers 404 for a flow that does not exist', async () => {
    const response = await send('POST', 'flows/nope/review/comments', { node: 'welcome', author: 'Ana', text: 'Hm.' });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toContain('nope.ivr.json');
    expect(existsSync(reviewPath('nope'))).toBe(false);
  });

  it.each([
    ['no author', { node: 'welcome', text: 'Hm.' }, /\/author: missing required field "author"/],
    ['an empty author', { node: 'welcome', author: '  ', text: 'Hm.' }, /\/author: a name cannot be empty/],
    ['empty text', { node: 'welcome', author: 'Ana', text: '' }, /\/text: a comment needs some text/],
    ['an unknown field', { node: 'welcome', author: 'Ana', text: 'Hm.', likes: 1 }, /\/likes: unknown field "likes"/],
    ['an array', [], /the request body: expected object/]
  ])('answers 400 to a body with %s', async (_name, body, message) => {
    const response = await send('POST', 'flows/bank/review/comments', body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(message);
    expect(existsSync(reviewPath('bank'))).toBe(false);
  });
});

describe('PATCH /api/flows/:id/review/comments/:commentId', () => {
  it('resolves a comment, saying by whom and when, and opens it again', async () => {
    const comment = await post('clinic', { node: 'welcome', author: 'Ana', text: 'Too long.' });
    const resolved = await send('PATCH', `flows/clinic/review/comments/${comment.id}`, { resolved: true, by: 'Ben' });
    expect(resolved.status).toBe(200);
    const body = (await resolved.json()) as { comment: ReviewComment };
    expect(body.comment).toEqual({ ...comment, resolved: true, resolvedBy: 'Ben', resolvedAt: expect.any(String) });
    expect(JSON.parse(onDisk('clinic'))).toEqual({ version: 1, flow: 'clinic', comments: [body.comment] });

    const reopened = await send('PATCH', `flows/clinic/review/comments/${comment.id}`, { resolved: false });
    expect(reopened.status).toBe(200);
    expect(((await reopened.json()) as { comment: ReviewComment }).comment).toEqual(comment);
    expect(JSON.parse(onDisk('clinic'))).toEqual({ version: 1, flow: 'clinic', comments: [comment] });
  });

  it('answers 404 for an unknown comment and 400 for a bad body', async () => {
    await post('clinic', { node: 'welcome', author: 'Ana', text: 'Too long.' });
    const before = onDisk('clinic');
    const unknown = await send('PATCH', 'flows/clinic/review/comments/c-nothing', { resolved: true });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toContain('"c-nothing"');
    const bad = await send('PATCH', 'flows/clinic/review/comments/c-nothing', { resolved: 'yes' });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/\/resolved: expected boolean/);
    expect(onDisk('clinic')).toBe(before);
  });
});

describe('DELETE /api/flows/:id/review/comments/:commentId', () => {
  it('deletes the comment, then answers 404', async () => {
    const kept = await post('bank', { node: 'welcome', author: 'Ana', text: 'Too long.' });
    const dropped = await post('bank', { node: 'goodbye', author: 'Ana', text: 'Never mind.' });
    const removed = await fetch(api(`flows/bank/review/comments/${dropped.id}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(removed.status).toBe(204);
    expect(JSON.parse(onDisk('bank'))).toEqual({ version: 1, flow: 'bank', comments: [kept] });
    const again = await fetch(api(`flows/bank/review/comments/${dropped.id}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(again.status).toBe(404);
  });
});

describe('an invalid review file', () => {
  const corrupt = '{\n  "version": 1,\n  "flow": "bank",\n  "comments": [{ "id": "c-1", "node": "welcome" }]\n}\n';

  it('is reported with 422, the file and the pointer, and is never written over', async () => {
    writeFileSync(reviewPath('bank'), corrupt);
    const read = await fetch(api('flows/bank/review'));
    expect(read.status).toBe(422);
    const body = (await read.json()) as { error: string; problems: Problem[] };
    expect(body.problems[0]).toEqual({
      code: 'schema',
      severity: 'error',
      file: 'bank.review.json',
      pointer: '/comments/0/author',
      message: 'missing required field "author"',
      line: 4,
      column: expect.any(Number)
    });
    expect(body.error).toMatch(/^the review file is not valid.*bank\.review\.json:4:\d+ at \/comments\/0\/author/);

    const added = await send('POST', 'flows/bank/review/comments', { node: 'welcome', author: 'Ana', text: 'Hm.' });
    expect(added.status).toBe(422);
    const resolved = await send('PATCH', 'flows/bank/review/comments/c-1', { resolved: true });
    expect(resolved.status).toBe(422);
    const removed = await fetch(api('flows/bank/review/comments/c-1'), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(removed.status).toBe(422);
    expect(onDisk('bank')).toBe(corrupt);
  });

  it('is reported when it is not JSON, or is the review of another flow', async () => {
    writeFileSync(reviewPath('bank'), '{"version": 1,');
    const malformed = await fetch(api('flows/bank/review'));
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as { problems: Problem[] }).problems[0]?.message).toMatch(/^malformed JSON/);

    const other = '{"version": 1, "flow": "clinic", "comments": []}\n';
    writeFileSync(reviewPath('bank'), other);
    const misnamed = await send('POST', 'flows/bank/review/comments', { node: 'welcome', author: 'Ana', text: 'Hm.' });
    expect(misnamed.status).toBe(422);
    expect(((await misnamed.json()) as { problems: Problem[] }).problems[0]?.pointer).toBe('/flow');
    expect(onDisk('bank')).toBe(other);
  });
});

describe('review routes', () => {
  it('refuses a change from another origin, as other writes are', async () => {
    const host = `127.0.0.1:${served.server.port}`;
    const foreign = await rawRequest(served.server.url, '/api/flows/bank/review/comments', {
      method: 'POST',
      headers: { Host: host, Origin: 'http://evil.example', ...WRITE_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ node: 'welcome', author: 'Mallory', text: 'Hi.' })
    });
    expect(foreign.status).toBe(403);
    expect(existsSync(reviewPath('bank'))).toBe(false);

    const own = await rawRequest(served.server.url, '/api/flows/bank/review/comments', {
      method: 'POST',
      headers: { Host: host, Origin: `http://${host}`, ...WRITE_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ node: 'welcome', author: 'Ana', text: 'Hi.' })
    });
    expect(own.status).toBe(201);
    const { comment } = own.json<{ comment: ReviewComment }>();
    const remove = await rawRequest(served.server.url, `/api/flows/bank/review/comments/${comment.id}`, {
      method: 'DELETE',
      headers: { Host: host, Origin: 'http://evil.example', ...WRITE_HEADERS }
    });
    expect(remove.status).toBe(403);
    expect(JSON.parse(onDisk('bank'))).toEqual({ version: 1, flow: 'bank', comments: [comment] });
  });

  it('answers 405 to a wrong method, 404 to an unknown route and 400 to a bad flow id', async () => {
    const wrong = await fetch(api('flows/bank/review'), { method: 'POST', body: '{}' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    const list = await fetch(api('flows/bank/review/comments'));
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('POST');
    const unknown = await fetch(api('flows/bank/review/likes'));
    expect(unknown.status).toBe(404);
    const deep = await fetch(api('flows/bank/review/comments/c-1/replies'));
    expect(deep.status).toBe(404);
    const badId = await fetch(api('flows/a..b/review'));
    expect(badId.status).toBe(400);
  });

  it('never lists a review file as a flow', async () => {
    await post('bank', { node: 'welcome', author: 'Ana', text: 'Too long.' });
    writeFileSync(reviewPath('broken'), '{"version": 1,');
    const { flows } = (await (await fetch(api('flows'))).json()) as { flows: { id: string; file: string }[] };
    expect(flows.map((flow) => flow.file)).toEqual(['bank.ivr.json', 'clinic.ivr.json']);
  });
});

describe('a renamed flow', () => {
  it('takes its review comments along when deleted as renamed, and a plain delete leaves them', async () => {
    const comment = await post('bank', { node: 'main-menu', author: 'Dana', text: 'Say the options slower.' });
    const flow = readFileSync(path.join(served.project.flowsDir, 'bank.ivr.json'), 'utf8');
    const saved = await send('PUT', 'flows/first-harbor', { text: flow.replace('"id": "bank"', '"id": "first-harbor"'), baseVersion: null });
    expect(saved.status).toBe(200);
    const { version } = (await (await fetch(api('flows/bank'))).json()) as { version: string };
    const removed = await fetch(api(`flows/bank?version=${version}&renamedTo=first-harbor`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(removed.status).toBe(204);
    expect(existsSync(reviewPath('bank'))).toBe(false);
    const moved = parseReviewText(onDisk('first-harbor'), 'first-harbor.review.json');
    expect(moved.ok && moved.review.flow).toBe('first-harbor');
    expect(moved.ok && moved.review.comments).toEqual([comment]);
    const review = (await (await fetch(api('flows/first-harbor/review'))).json()) as { comments: ReviewComment[] };
    expect(review.comments.map((c) => c.text)).toEqual(['Say the options slower.']);

    await post('clinic', { node: 'welcome', author: 'Dana', text: 'Keep the 911 warning first.' });
    const clinic = (await (await fetch(api('flows/clinic'))).json()) as { version: string };
    expect((await fetch(api(`flows/clinic?version=${clinic.version}&renamedTo=nowhere`), { method: 'DELETE', headers: WRITE_HEADERS })).status).toBe(409);
    expect((await fetch(api(`flows/clinic?version=${clinic.version}`), { method: 'DELETE', headers: WRITE_HEADERS })).status).toBe(204);
    expect(existsSync(reviewPath('clinic'))).toBe(true);
  });
});
