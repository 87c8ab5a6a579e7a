/**
 * The designer's server trusts nothing it did not check: the Host and the
 * Origin of a request against the address it serves on, whatever --host is
 * (D18); a write's JSON content type and the designer's own header (N1);
 * symbolic links in the flows folder (D23); the text it is sent and the
 * bytes it reads (D24, D25); and the files it keeps open at once (D17).
 */
import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createFlowFolder, OPEN_FILES } from '../../../src/cli/server/flowFolder.ts';
import { startServer, type RunningServer } from '../../../src/cli/server/server.ts';
import { cleanup, tempDir } from '../helpers.ts';
import { expectedVersion, makeProject, OUTSIDE_TEXT, rawRequest, serveEachTest, WRITE_HEADERS, type ApiProblem, type Project } from './support.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface FlowSummary {
  id: string;
  name: string;
  file: string;
  version: string | null;
  error?: string;
}

const served = serveEachTest();
const { api } = served;
const flowPath = (id: string): string => path.join(served.project.flowsDir, `${id}.ivr.json`);
const JSON_WRITE = { ...WRITE_HEADERS, 'Content-Type': 'application/json' };

/** A flow file of the given id, as the API saves it. */
const flowText = (id: string, name = id): string =>
  `${JSON.stringify({ version: 1, id, name, start: 'bye', nodes: [{ id: 'bye', kind: 'hangup' }] }, null, 2)}\n`;

async function list(): Promise<FlowSummary[]> {
  return ((await (await fetch(api('flows'))).json()) as { flows: FlowSummary[] }).flows;
}

describe('Host and Origin off loopback (D18)', () => {
  let other: { server: RunningServer; project: Project } | undefined;
  afterEach(async () => {
    await other?.server.close();
    other = undefined;
  });

  const start = async (host: string): Promise<{ server: RunningServer; project: Project }> => {
    const project = makeProject();
    other = { project, server: await startServer({ flowsDir: project.flowsDir, distDir: project.distDir, host, port: 0 }) };
    return other;
  };

  it('listening on every address, refuses a foreign host name (DNS rebinding) and a foreign origin, and answers its own names', async () => {
    const { server, project } = await start('0.0.0.0');
    const port = server.port;
    const url = `http://127.0.0.1:${port}/`;
    const bank = readFileSync(path.join(project.flowsDir, 'bank.ivr.json'), 'utf8');

    // The attacker's page, rebound to this machine: its Host and its Origin are its own name.
    const evil = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    const read = await rawRequest(url, '/api/flows/bank', { headers: evil });
    expect(read.status).toBe(403);
    expect(read.text).not.toContain('First Harbor Bank');
    const remove = await rawRequest(url, `/api/flows/bank?version=${expectedVersion(bank)}`, { method: 'DELETE', headers: { ...evil, ...WRITE_HEADERS } });
    expect(remove.status).toBe(403);
    expect(readFileSync(path.join(project.flowsDir, 'bank.ivr.json'), 'utf8')).toBe(bank);
    expect((await rawRequest(url, '/', { headers: evil })).status).toBe(403);
    expect((await rawRequest(url, '/api/flows', { headers: { Host: `127.0.0.1:${port + 1}` } })).status).toBe(403);

    // Its own names: loopback, this machine's addresses and its host name.
    const own = ['127.0.0.1', 'localhost', '[::1]', hostname()];
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    if (external !== undefined) own.push(external.address);
    for (const name of own) {
      const reply = await rawRequest(url, '/api/flows/bank', { headers: { Host: `${name}:${port}` } });
      expect(reply.status, name).toBe(200);
    }
    // A write from its own origin, by one of its names, goes through; from another of its names it does not.
    const host = `localhost:${port}`;
    const save = (origin: string) =>
      rawRequest(url, '/api/flows/bank', {
        method: 'PUT',
        headers: { Host: host, Origin: origin, ...JSON_WRITE },
        body: JSON.stringify({ text: bank.replace('First Harbor Bank', 'Second Harbor Bank'), baseVersion: expectedVersion(bank) })
      });
    expect((await save(`http://evil.example:${port}`)).status).toBe(403);
    expect((await save(`http://127.0.0.1:${port}`)).status).toBe(403);
    expect((await save(`http://${host}`)).status).toBe(200);
  });

  it.runIf(process.platform === 'linux')('listening on one address, answers that address only', async () => {
    const { server } = await start('127.0.0.2');
    const url = server.url;
    expect(url).toBe(`http://127.0.0.2:${server.port}/`);
    expect((await rawRequest(url, '/api/flows', { headers: { Host: `127.0.0.2:${server.port}` } })).status).toBe(200);
    for (const name of ['localhost', '127.0.0.1', 'evil.example']) {
      expect((await rawRequest(url, '/api/flows', { headers: { Host: `${name}:${server.port}` } })).status, name).toBe(403);
    }
  });
});

describe('writes need JSON and the designer’s header (N1)', () => {
  it('refuses a write with no Origin sent as text/plain, as a form, or without the header, and takes the designer’s', async () => {
    const bank = readFileSync(flowPath('bank'), 'utf8');
    const body = JSON.stringify({ text: bank.replace('First Harbor Bank', 'Changed'), baseVersion: expectedVersion(bank) });
    const host = { Host: `127.0.0.1:${served.server.port}` };
    const plain = await rawRequest(served.server.url, '/api/flows/bank', { method: 'PUT', headers: { ...host, 'Content-Type': 'text/plain' }, body });
    expect(plain.status).toBe(403);
    const plainWithHeader = await rawRequest(served.server.url, '/api/flows/bank', { method: 'PUT', headers: { ...host, ...WRITE_HEADERS, 'Content-Type': 'text/plain' }, body });
    expect(plainWithHeader.status).toBe(415);
    expect(plainWithHeader.json<{ error: string }>().error).toBe('send the request body as JSON, with "Content-Type: application/json" (not text/plain)');
    const noHeader = await rawRequest(served.server.url, '/api/flows/bank', { method: 'PUT', headers: { ...host, 'Content-Type': 'application/json' }, body });
    expect(noHeader.status).toBe(403);
    expect(noHeader.json<{ error: string }>().error).toBe('a change must come from the designer: send the header "X-Zero-Out: 1"');
    const form = await rawRequest(served.server.url, '/api/flows/bank/review/comments', {
      method: 'POST',
      headers: { ...host, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'node=welcome&author=Mallory&text=Hi'
    });
    expect(form.status).toBe(403);
    const remove = await rawRequest(served.server.url, `/api/flows/bank?version=${expectedVersion(bank)}`, { method: 'DELETE', headers: host });
    expect(remove.status).toBe(403);
    expect(readFileSync(flowPath('bank'), 'utf8')).toBe(bank);

    const designer = await rawRequest(served.server.url, '/api/flows/bank', { method: 'PUT', headers: { ...host, ...JSON_WRITE }, body });
    expect(designer.status).toBe(200);
    expect(readFileSync(flowPath('bank'), 'utf8')).toContain('"Changed');
  });
});

describe('symbolic links in the flows folder (D23)', () => {
  it('neither reads nor writes through a link to a file outside the folder, and keeps the link', async () => {
    const link = flowPath('linked');
    symlinkSync(served.project.outside, link);
    const listed = (await list()).find((flow) => flow.id === 'linked');
    expect(listed).toEqual({
      id: 'linked',
      name: 'linked',
      file: 'linked.ivr.json',
      version: null,
      error: 'linked.ivr.json is a symbolic link to a file outside the flows folder: it is not opened, nor written through'
    });
    const read = await fetch(api('flows/linked'));
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain('Outside');
    const save = await fetch(api('flows/linked'), {
      method: 'PUT',
      headers: JSON_WRITE,
      body: JSON.stringify({ text: flowText('linked'), baseVersion: expectedVersion(OUTSIDE_TEXT) })
    });
    expect(save.status).toBe(403);
    const remove = await fetch(api(`flows/linked?version=${expectedVersion(OUTSIDE_TEXT)}`), { method: 'DELETE', headers: WRITE_HEADERS });
    expect(remove.status).toBe(403);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(served.project.outside);
    expect(readFileSync(served.project.outside, 'utf8')).toBe(OUTSIDE_TEXT);
  });

  it('follows a link to a file within the folder, and saves through it, keeping the link', async () => {
    mkdirSync(path.join(served.project.flowsDir, 'store'));
    const real = path.join(served.project.flowsDir, 'store', 'shared.ivr.json');
    writeFileSync(real, flowText('shared', 'Shared'));
    symlinkSync(path.join('store', 'shared.ivr.json'), flowPath('shared'));
    expect((await list()).find((flow) => flow.id === 'shared')).toMatchObject({ name: 'Shared', version: expectedVersion(flowText('shared', 'Shared')) });
    const read = (await (await fetch(api('flows/shared'))).json()) as { text: string; version: string };
    expect(read.text).toBe(flowText('shared', 'Shared'));
    const save = await fetch(api('flows/shared'), { method: 'PUT', headers: JSON_WRITE, body: JSON.stringify({ text: flowText('shared', 'Renamed'), baseVersion: read.version }) });
    expect(save.status).toBe(200);
    expect(lstatSync(flowPath('shared')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(flowText('shared', 'Renamed'));
  });

  it('neither reads nor writes a review through a link out of the folder', async () => {
    const outsideReview = path.join(served.project.root, 'outside.review.json');
    const review = '{"version": 1, "flow": "bank", "comments": []}\n';
    writeFileSync(outsideReview, review);
    symlinkSync(outsideReview, path.join(served.project.flowsDir, 'bank.review.json'));
    const read = await fetch(api('flows/bank/review'));
    expect(read.status).toBe(422);
    expect(((await read.json()) as { error: string }).error).toContain('bank.review.json is a symbolic link to a file outside the flows folder');
    const post = await fetch(api('flows/bank/review/comments'), { method: 'POST', headers: JSON_WRITE, body: JSON.stringify({ node: 'welcome', author: 'Ana', text: 'Hi.' }) });
    expect(post.status).toBe(422);
    expect(readFileSync(outsideReview, 'utf8')).toBe(review);
    expect(lstatSync(path.join(served.project.flowsDir, 'bank.review.json')).isSymbolicLink()).toBe(true);
  });

  it('does not replace a broken link with a file', async () => {
    symlinkSync(path.join(served.project.root, 'nowhere.ivr.json'), flowPath('broken'));
    expect((await list()).find((flow) => flow.id === 'broken')?.error).toBe(
      'broken.ivr.json is a symbolic link to a file that does not exist: it is not written through'
    );
    const save = await fetch(api('flows/broken'), { method: 'PUT', headers: JSON_WRITE, body: JSON.stringify({ text: flowText('broken'), baseVersion: null }) });
    expect(save.status).toBe(403);
    expect(lstatSync(flowPath('broken')).isSymbolicLink()).toBe(true);
  });
});

describe('text sent and bytes read (D24, D25)', () => {
  it('saves text that starts with a byte order mark, as it reads one', async () => {
    const text = `\ufeff${flowText('bom', 'With a BOM')}`;
    const save = await fetch(api('flows/bom'), { method: 'PUT', headers: JSON_WRITE, body: JSON.stringify({ text, baseVersion: null }) });
    expect(save.status).toBe(200);
    const bytes = readFileSync(flowPath('bom'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(((await save.json()) as { version: string }).version).toBe(expectedVersion(bytes));
    const read = (await (await fetch(api('flows/bom'))).json()) as { text: string };
    expect(read.text).toBe(flowText('bom', 'With a BOM'));
  });

  it('refuses text with a lone surrogate, naming where, and writes nothing', async () => {
    // Half of a UTF-16 pair, as a buggy client could send it: JSON carries it as "\ud800".
    const text = flowText('lone', 'Lone X half').replace('X', '\ud800');
    expect(JSON.stringify({ text })).toContain('Lone \\ud800 half');
    const save = await fetch(api('flows/lone'), { method: 'PUT', headers: JSON_WRITE, body: JSON.stringify({ text, baseVersion: null }) });
    expect(save.status).toBe(422);
    const body = (await save.json()) as { error: string; problems: (ApiProblem & { code: string; column?: number })[] };
    expect(body.problems).toEqual([
      {
        code: 'text-encoding',
        severity: 'error',
        file: 'lone.ivr.json',
        pointer: '',
        line: 4,
        column: 17,
        message: 'the text holds a lone surrogate (U+D800), half of a UTF-16 pair and no character: it cannot be saved as UTF-8'
      }
    ]);
    expect(body.error).toBe(`not saved: lone.ivr.json:4:17: ${body.problems[0]!.message}`);
    expect((await list()).map((flow) => flow.id)).not.toContain('lone');
  });

  it('refuses a request body that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('", "baseVersion": null}')]);
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: served.server.port, method: 'PUT', path: '/api/flows/latin', headers: { ...JSON_WRITE, 'Content-Length': bytes.length }, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        }
      );
      req.on('error', reject);
      req.end(bytes);
    });
    expect(reply.status).toBe(400);
    expect((JSON.parse(reply.text) as { error: string }).error).toBe('the request body is not UTF-8: byte 0xE9 at offset 13');
    expect((await list()).map((flow) => flow.id)).not.toContain('latin');
  });

  it('lists a file that is not UTF-8 with the place of its first bad byte, and does not open it', async () => {
    writeFileSync(flowPath('latin'), Buffer.from(flowText('latin', 'Café'), 'latin1'));
    const listed = (await list()).find((flow) => flow.id === 'latin');
    expect(listed?.error).toBe('latin.ivr.json:4:15: the file is not UTF-8: byte 0xE9 at offset 49 begins no UTF-8 character (a file saved as Latin-1?): save it as UTF-8');
    const read = await fetch(api('flows/latin'));
    expect(read.status).toBe(422);
    const body = (await read.json()) as { error: string; problems: ApiProblem[] };
    expect(body.error).toBe(listed?.error);
    expect(body.problems[0]).toMatchObject({ code: 'text-encoding', line: 4, column: 15 });
  });
});

describe('the flow list keeps few files open (D17)', () => {
  afterEach(cleanup);

  /** A folder of `count` small flows. */
  function manyFlows(count: number): string {
    const dir = tempDir();
    for (let i = 1; i <= count; i++) writeFileSync(path.join(dir, `f${i}.ivr.json`), JSON.stringify({ version: 1, id: `f${i}`, name: `f${i}`, start: 'q', nodes: [{ id: 'q', kind: 'hangup' }] }));
    return dir;
  }

  it('reads at most its bound of files at once', async () => {
    const dir = manyFlows(300);
    for (const bound of [8, undefined]) {
      let open = 0;
      let most = 0;
      const folder = createFlowFolder(dir, {
        ...(bound === undefined ? {} : { openFiles: bound }),
        readFile: async (file) => {
          most = Math.max(most, ++open);
          try {
            await new Promise((resolve) => setTimeout(resolve, 1));
            return readFileSync(file);
          } finally {
            open--;
          }
        }
      });
      const flows = await folder.list();
      expect(flows).toHaveLength(300);
      expect(flows.filter((flow) => flow.error !== undefined)).toEqual([]);
      expect(most).toBe(bound ?? OPEN_FILES);
    }
  });

  it.runIf(process.platform !== 'win32')('lists 1,111 flows under a limit of 256 open files', async () => {
    // server-fd-limit.sh of the reproducers, with macOS's default limit: 882 of 1,111 were "too many open files".
    const dir = manyFlows(1111);
    const script = [
      `import { createFlowFolder } from ${JSON.stringify(path.join(ROOT, 'src/cli/server/flowFolder.ts'))};`,
      'const flows = await createFlowFolder(process.argv[1]).list();',
      'console.log(JSON.stringify({ flows: flows.length, errors: flows.filter((f) => f.error).map((f) => f.error).slice(0, 3) }));'
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', 'ulimit -n 256 && exec "$0" --import tsx --input-type=module -e "$1" "$2"', process.execPath, script, dir], {
      cwd: ROOT
    });
    expect(JSON.parse(stdout)).toEqual({ flows: 1111, errors: [] });
  }, 60_000);
});
