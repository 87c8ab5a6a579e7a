import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, startServer } from '../../../src/cli/server/server.ts';
import {
  APP_JS,
  expectedVersion,
  filesUnder,
  INDEX_HTML,
  OUTSIDE_TEXT,
  rawRequest,
  WRITE_HEADERS,
  serveEachTest,
  type ApiProblem,
} from './support.ts';

interface FlowSummary {
  id: string;
  name: string;
  file: string;
  version: string;
  error?: string;
}
interface FlowContent {
  id: string;
  file: string;
  version: string;
  text: string;
}
type Problem = ApiProblem;

const served = serveEachTest();
/** Every file of a fresh project: what a refused or finished request must leave. */
const PROJECT_FILES = ['dist/assets/app.js', 'dist/index.html', 'flows/bank.ivr.json', 'flows/clinic.ivr.json', 'secret.ivr.json'];
const { api } = served;
const flowPath = (id: string): string => path.join(served.project.flowsDir, `${id}.ivr.json`);
const onDisk = (id: string): string => readFileSync(flowPath(id), 'utf8');

/** The flow's file with a new name: a valid edit. */
function renamed(text: string, name: string): string {
  return `${JSON.stringify({ ...JSON.parse(text), name }, null, 2)}\n`;
}

async function getFlow(id: string): Promise<FlowContent> {
  const response = await fetch(api(`flows/${id}`));
  expect(response.status).toBe(200);
  return (await response.json()) as FlowContent;
}

function put(id: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(api(`flows/${id}`), {
    method: 'PUT',
    headers: { ...WRITE_HEADERS, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body)
  });
}

describe('startServer', () => {
  it('listens on the port it was given, 0 picking a free one, and says where', () => {
    expect(served.server.port).toBeGreaterThan(0);
    expect(served.server.url).toBe(`http://127.0.0.1:${served.server.port}/`);
  });

  it('refuses to start without a build of the designer, telling how to make one', async () => {
    await expect(
      startServer({ flowsDir: served.project.flowsDir, distDir: path.join(served.project.root, 'nowhere'), port: 0 })
    ).rejects.toThrow(/index\.html is missing\. Run "npm run build"/);
  });

  it('says the port is in use when it is', async () => {
    await expect(
      startServer({ flowsDir: served.project.flowsDir, distDir: served.project.distDir, port: served.server.port })
    ).rejects.toMatchObject({ reason: 'port-in-use', message: expect.stringContaining(`port ${served.server.port} is already in use`) });
  });

  it('stops answering once closed', async () => {
    await served.server.close();
    await expect(fetch(api('flows'))).rejects.toThrow();
  });
});

describe('GET /api/flows', () => {
  it('lists every flow of the folder by id, with its name, file and version', async () => {
    const response = await fetch(api('flows'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { flows } = (await response.json()) as { flows: FlowSummary[] };
    expect(flows).toEqual([
      {
        id: 'bank',
        name: 'First Harbor Bank: customer line',
        file: 'bank.ivr.json',
        version: expectedVersion(readFileSync(flowPath('bank')))
      },
      {
        id: 'clinic',
        name: 'Maple Street Clinic: main line',
        file: 'clinic.ivr.json',
        version: expectedVersion(readFileSync(flowPath('clinic')))
      }
    ]);
  });

  it('lists a file that is not JSON with the reason, named by its id, and skips other files', async () => {
    writeFileSync(path.join(served.project.flowsDir, 'aaa-broken.ivr.json'), '{"version": 1,');
    writeFileSync(path.join(served.project.flowsDir, 'nameless.ivr.json'), '{"version": 1}');
    writeFileSync(path.join(served.project.flowsDir, 'notes.json'), '{}');
    writeFileSync(path.join(served.project.flowsDir, 'README.md'), '# flows\n');
    const { flows } = (await (await fetch(api('flows'))).json()) as { flows: FlowSummary[] };
    expect(flows.map((flow) => flow.id)).toEqual(['aaa-broken', 'bank', 'clinic', 'nameless']);
    expect(flows[0]).toMatchObject({ id: 'aaa-broken', name: 'aaa-broken', file: 'aaa-broken.ivr.json' });
    expect(flows[0]?.error).toMatch(/^aaa-broken\.ivr\.json:1:\d+: malformed JSON/);
    expect(flows[3]).toEqual({
      id: 'nameless',
      name: 'nameless',
      file: 'nameless.ivr.json',
      version: expectedVersion('{"version": 1}')
    });
  });
});

describe('GET /api/flows/:id', () => {
  it('returns the raw text of the file and its version', async () => {
    const flow = await getFlow('bank');
    const bytes = readFileSync(flowPath('bank'));
    expect(flow).toEqual({ id: 'bank', file: 'bank.ivr.json', version: expectedVersion(bytes), text: bytes.toString('utf8') });
  });

  it('answers 404 for a flow that does not exist', async () => {
    const response = await fetch(api('flows/nope'));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('nope.ivr.json');
  });
});

describe('PUT /api/flows/:id', () => {
  it('saves over the version last loaded and returns the new version', async () => {
    const loaded = await getFlow('bank');
    const text = renamed(loaded.text, 'Bank, edited');
    const response = await put('bank', { text, baseVersion: loaded.version });
    expect(response.status).toBe(200);
    const saved = (await response.json()) as { id: string; file: string; version: string };
    expect(saved).toEqual({ id: 'bank', file: 'bank.ivr.json', version: expectedVersion(text) });
    expect(saved.version).not.toBe(loaded.version);
    expect(onDisk('bank')).toBe(text);
    expect((await getFlow('bank')).version).toBe(saved.version);
    // No temporary file is left behind, and nothing else was written.
    expect(filesUnder(served.project.root)).toEqual(PROJECT_FILES);
  });

  it('refuses a save from a stale version with 409 and the current file, and writes nothing', async () => {
    const loaded = await getFlow('bank');
    // Someone else saves first.
    const theirs = renamed(loaded.text, 'Bank, their edit');
    expect((await put('bank', { text: theirs, baseVersion: loaded.version })).status).toBe(200);

    const response = await put('bank', { text: renamed(loaded.text, 'Bank, my edit'), baseVersion: loaded.version });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: string; current: { version: string; text: string } };
    expect(body.error).toMatch(/changed elsewhere/);
    expect(body.current).toEqual({ version: expectedVersion(theirs), text: theirs });
    expect(onDisk('bank')).toBe(theirs);
  });

  it('notices a change made on disk by another program', async () => {
    const loaded = await getFlow('clinic');
    const edited = renamed(loaded.text, 'Clinic, edited in a text editor');
    writeFileSync(flowPath('clinic'), edited);
    const response = await put('clinic', { text: renamed(loaded.text, 'Clinic, from the designer'), baseVersion: loaded.version });
    expect(response.status).toBe(409);
    expect(onDisk('clinic')).toBe(edited);
  });

  it('of two saves from the same version, takes the first and refuses the second', async () => {
    const loaded = await getFlow('bank');
    const texts = ['Bank, tab one', 'Bank, tab two'].map((name) => renamed(loaded.text, name));
    const responses = await Promise.all(texts.map((text) => put('bank', { text, baseVersion: loaded.version })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = texts[responses.findIndex((response) => response.status === 200)];
    expect(onDisk('bank')).toBe(winner);
  });

  it('creates a new flow from a null base version, but not over an existing one', async () => {
    const text = `${JSON.stringify({ ...JSON.parse((await getFlow('bank')).text), id: 'bank-copy' }, null, 2)}\n`;
    const created = await put('bank-copy', { text, baseVersion: null });
    expect(created.status).toBe(200);
    expect(onDisk('bank-copy')).toBe(text);

    const again = await put('bank-copy', { text: renamed(text, 'Another'), baseVersion: null });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { current: { text: string } }).current.text).toBe(text);
    expect(onDisk('bank-copy')).toBe(text);
  });

  it('refuses to save over a file deleted since it was loaded, with a null current', async () => {
    const loaded = await getFlow('clinic');
    const removed = await fetch(api(`flows/clinic?version=${loaded.version}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(removed.status).toBe(204);
    const response = await put('clinic', { text: loaded.text, baseVersion: loaded.version });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { current: unknown }).current).toBeNull();
    expect(existsSync(flowPath('clinic'))).toBe(false);
  });

  it('refuses an invalid flow with 422 and located problems, and writes nothing', async () => {
    const loaded = await getFlow('bank');
    const text = JSON.stringify({ ...JSON.parse(loaded.text), start: 'nowhere' }, null, 2);
    const response = await put('bank', { text, baseVersion: loaded.version });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; problems: Problem[] };
    expect(body.problems).toEqual([
      expect.objectContaining({ file: 'bank.ivr.json', pointer: '/start', message: 'the start node "nowhere" does not exist', line: expect.any(Number) })
    ]);
    expect(body.error).toContain('/start');
    expect(onDisk('bank')).toBe(loaded.text);
  });

  it('refuses text that is not JSON with 422', async () => {
    const loaded = await getFlow('bank');
    const response = await put('bank', { text: '{"version": 1,', baseVersion: loaded.version });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { problems: Problem[] };
    expect(body.problems[0]?.message).toMatch(/^malformed JSON/);
    expect(onDisk('bank')).toBe(loaded.text);
  });

  it('refuses a flow whose id is not the one in the URL, naming /id', async () => {
    const loaded = await getFlow('bank');
    const response = await put('bank-renamed', { text: loaded.text, baseVersion: null });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; problems: Problem[] };
    expect(body.problems).toEqual([expect.objectContaining({ pointer: '/id', file: 'bank-renamed.ivr.json' })]);
    expect(body.problems[0]?.message).toContain('"bank"');
    expect(body.error).toContain('/id');
    expect(existsSync(flowPath('bank-renamed'))).toBe(false);
  });

  it('answers 400 to a body that is not JSON or lacks its fields', async () => {
    const notJson = await fetch(api('flows/bank'), { method: 'PUT', headers: { ...WRITE_HEADERS, 'Content-Type': 'application/json' }, body: '{"text": ' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);

    const noBase = await put('bank', { text: (await getFlow('bank')).text });
    expect(noBase.status).toBe(400);
    expect(((await noBase.json()) as { error: string }).error).toMatch(/baseVersion/);
  });

  it('answers 413 to a body over 5 MB', async () => {
    const loaded = await getFlow('bank');
    const response = await put('bank', { text: 'x'.repeat(BODY_LIMIT), baseVersion: loaded.version });
    expect(response.status).toBe(413);
    expect(onDisk('bank')).toBe(loaded.text);
  });
});

describe('DELETE /api/flows/:id', () => {
  it('deletes the version named, refuses another with 409, and answers 404 once gone', async () => {
    const loaded = await getFlow('clinic');
    const stale = await fetch(api('flows/clinic?version=0000000000000000'), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { version: string } }).current.version).toBe(loaded.version);
    expect(existsSync(flowPath('clinic'))).toBe(true);

    const removed = await fetch(api(`flows/clinic?version=${loaded.version}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(removed.status).toBe(204);
    expect(existsSync(flowPath('clinic'))).toBe(false);

    const again = await fetch(api(`flows/clinic?version=${loaded.version}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(again.status).toBe(404);
  });

  it('needs the version', async () => {
    const response = await fetch(api('flows/clinic'), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(response.status).toBe(400);
    expect(existsSync(flowPath('clinic'))).toBe(true);
  });
});

describe('flow ids', () => {
  it('refuses ids that could leave the folder, and touches nothing outside it', async () => {
    const text = JSON.stringify({ ...JSON.parse(readFileSync(flowPath('bank'), 'utf8')), id: '../secret' });
    for (const id of ['..%2Fsecret', '..%2F..%2Fsecret', 'a%2Fb', 'bad%20id', '.hidden', 'a..b']) {
      const read = await fetch(api(`flows/${id}`));
      expect(read.status, id).toBe(400);
      const write = await put(id, { text, baseVersion: expectedVersion(OUTSIDE_TEXT) });
      expect(write.status, id).toBe(400);
      const remove = await fetch(api(`flows/${id}?version=${expectedVersion(OUTSIDE_TEXT)}`), { method: 'DELETE', headers: WRITE_HEADERS });
      expect(remove.status, id).toBe(400);
    }
    // Dot segments as sent by hand: fetch would have resolved them away.
    const host = { Host: `127.0.0.1:${served.server.port}` };
    const encoded = await rawRequest(served.server.url, '/api/flows/%2E%2E', { method: 'DELETE', headers: host });
    expect(encoded.status).toBe(400);
    const literal = await rawRequest(served.server.url, '/api/flows/../../secret', { method: 'DELETE', headers: host });
    expect(literal.status).toBe(404);

    expect(readFileSync(served.project.outside, 'utf8')).toBe(OUTSIDE_TEXT);
    expect(filesUnder(served.project.root)).toEqual(PROJECT_FILES);
  });
});

describe('API routes', () => {
  it('answers 404 JSON to an unknown route and 405 to a wrong method', async () => {
    const unknown = await fetch(api('corpus'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await unknown.json()) as { error: string }).error).toContain('/api/corpus');

    const wrong = await fetch(api('flows'), { method: 'POST', body: '{}' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    const patch = await fetch(api('flows/bank'), { method: 'PATCH', body: '{}' });
    expect(patch.status).toBe(405);
  });
});

describe('security', () => {
  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const rebound = await rawRequest(served.server.url, '/api/flows/bank', { headers: { Host: `evil.example:${served.server.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toContain('First Harbor Bank');
    const page = await rawRequest(served.server.url, '/', { headers: { Host: `evil.example:${served.server.port}` } });
    expect(page.status).toBe(403);
    const otherPort = await rawRequest(served.server.url, '/api/flows', { headers: { Host: `localhost:${served.server.port + 1}` } });
    expect(otherPort.status).toBe(403);

    for (const host of [`localhost:${served.server.port}`, `127.0.0.1:${served.server.port}`, `[::1]:${served.server.port}`]) {
      const ok = await rawRequest(served.server.url, '/api/flows/bank', { headers: { Host: host } });
      expect(ok.status, host).toBe(200);
    }
  });

  it('refuses a save or delete from another origin, and accepts its own', async () => {
    const loaded = await getFlow('bank');
    const text = renamed(loaded.text, 'Bank, from elsewhere');
    const body = JSON.stringify({ text, baseVersion: loaded.version });
    const host = `127.0.0.1:${served.server.port}`;
    const foreign = await rawRequest(served.server.url, '/api/flows/bank', {
      method: 'PUT',
      headers: { Host: host, Origin: 'http://evil.example', ...WRITE_HEADERS, 'Content-Type': 'application/json' },
      body
    });
    expect(foreign.status).toBe(403);
    const remove = await rawRequest(served.server.url, `/api/flows/bank?version=${loaded.version}`, {
      method: 'DELETE',
      headers: { Host: host, Origin: `http://localhost:${served.server.port}`, ...WRITE_HEADERS }
    });
    expect(remove.status).toBe(403);
    expect(onDisk('bank')).toBe(loaded.text);

    const own = await rawRequest(served.server.url, '/api/flows/bank', {
      method: 'PUT',
      headers: { Host: host, Origin: `http://${host}`, ...WRITE_HEADERS, 'Content-Type': 'application/json' },
      body
    });
    expect(own.status).toBe(200);
    expect(onDisk('bank')).toBe(text);
  });
});

describe('the designer build', () => {
  it('serves index.html at / without caching, and assets with a long cache', async () => {
    const page = await fetch(served.server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe(INDEX_HTML);

    const script = await fetch(new URL('assets/app.js', served.server.url));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(await script.text()).toBe(APP_JS);
  });

  it("answers the app's own routes with index.html, and a missing file with 404", async () => {
    const route = await fetch(new URL('flows/bank/edit', served.server.url));
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX_HTML);

    const missing = await fetch(new URL('assets/missing.js', served.server.url));
    expect(missing.status).toBe(404);
  });

  it('serves nothing from outside the build folder', async () => {
    const host = { Host: `127.0.0.1:${served.server.port}` };
    for (const target of ['/../secret.ivr.json', '/assets/../../flows/bank.ivr.json', '/..%2Fsecret.ivr.json', '/assets/%2e%2e/%2e%2e/secret.ivr.json']) {
      const reply = await rawRequest(served.server.url, target, { headers: host });
      expect(reply.status, target).toBe(404);
      expect(reply.text, target).not.toContain('Outside');
    }
  });
});
