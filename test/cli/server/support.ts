/** A temporary project for the designer's server: a flows folder, a build, and a file beside them. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/server/server.ts';
import { cleanup, tempDir } from '../helpers.ts';

/** The project's example flows. */
export const EXAMPLES = path.resolve(import.meta.dirname, '../../../flows');

export const INDEX_HTML = '<!doctype html><title>Zero Out</title><div id="root"></div>\n';
export const APP_JS = 'console.log("designer");\n';
/** A flow file outside the flows folder, which the server must never touch. */
export const OUTSIDE_TEXT = '{"version": 1, "id": "secret", "name": "Outside"}\n';

export interface Project {
  readonly root: string;
  readonly flowsDir: string;
  readonly distDir: string;
  /** `root/secret.ivr.json`, beside the flows folder. */
  readonly outside: string;
}

/** bank and clinic copied from the examples, a build with index.html and assets/app.js. */
export function makeProject(): Project {
  const root = tempDir();
  const flowsDir = path.join(root, 'flows');
  const distDir = path.join(root, 'dist');
  mkdirSync(flowsDir);
  mkdirSync(path.join(distDir, 'assets'), { recursive: true });
  for (const name of ['bank.ivr.json', 'clinic.ivr.json']) copyFileSync(path.join(EXAMPLES, name), path.join(flowsDir, name));
  writeFileSync(path.join(distDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(distDir, 'assets', 'app.js'), APP_JS);
  const outside = path.join(root, 'secret.ivr.json');
  writeFileSync(outside, OUTSIDE_TEXT);
  return { root, flowsDir, distDir, outside };
}

/** The version the server should give these bytes. */
export function expectedVersion(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Every file under `dir`, relative, sorted: to show nothing else was written. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * A raw HTTP request, sent as given: fetch would normalize ".." in the path
 * and not let a test choose the Host header.
 */
export function rawRequest(
  url: string,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method: options.method ?? 'GET', path: target, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      }
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What every change sent to the API carries, as the designer sends it: the server refuses a write without it. */
export const WRITE_HEADERS = { 'X-Zero-Out': '1' } as const;

/** A problem as the API reports it. */
export interface ApiProblem {
  file: string;
  pointer: string;
  message: string;
  line?: number;
}

/** A fresh project and its server for each test, closed after it; `api(route)` is the URL of an API route. */
export function serveEachTest(): { readonly project: Project; readonly server: RunningServer; api(route: string): string } {
  let running: { project: Project; server: RunningServer } | undefined;
  beforeEach(async () => {
    const project = makeProject();
    running = { project, server: await startServer({ flowsDir: project.flowsDir, distDir: project.distDir, port: 0 }) };
  });
  afterEach(async () => {
    await running?.server.close();
    running = undefined;
    cleanup();
  });
  const now = () => {
    if (running === undefined) throw new Error('the server runs only during a test');
    return running;
  };
  return {
    get project() {
      return now().project;
    },
    get server() {
      return now().server;
    },
    api: (route) => new URL(`api/${route}`, now().server.url).href
  };
}
