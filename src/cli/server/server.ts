/**
 * The local HTTP server the browser designer talks to: the flows API under
 * `/api/` and the designer's build for everything else.
 *
 * It listens on the loopback address by default, and answers only requests
 * addressed to the address it serves on (by a loopback name, or with
 * `--host`, by that address; listening on every address, by one of this
 * machine's addresses or its host name), so a web page elsewhere cannot
 * reach the user's flows through DNS rebinding. A write (PUT, POST, PATCH,
 * DELETE) must come from its own origin when the browser names one, carry
 * the header `X-Zero-Out: 1`, and send its body as `application/json`: a
 * form or a simple request from another site can do neither, and any other
 * request from another site needs the server's consent (CORS), never given.
 *
 * API (JSON in and out):
 * - `GET /api/flows` → `{ flows: [{ id, name, file, version, error? }] }`
 * - `GET /api/flows/:id` → `{ id, file, version, text }`
 * - `PUT /api/flows/:id` with `{ text, baseVersion }` → `{ id, file, version }`;
 *   409 `{ error, current }` when the file is no longer at `baseVersion`,
 *   422 `{ error, problems }` when `text` is no valid flow with that id, or
 *   holds a lone UTF-16 surrogate (a byte order mark before it is accepted)
 * - a flow file that is not UTF-8 is answered 422 `{ error, problems }`, with
 *   where its first bad byte is; a symbolic link out of the flows folder 403
 * - `DELETE /api/flows/:id?version=<version>[&renamedTo=<id>]` → 204; 409 when changed, 404 when absent;
 *   with `renamedTo` (a flow that exists), the review comments move to that flow
 *
 * Review comments, kept in `<id>.review.json` beside the flow (404 when the
 * flow does not exist; 422 `{ error, problems }` when the review file is not
 * valid, which is then left as it is):
 * - `GET /api/flows/:id/review` → `{ flow, comments }` (no comments when there is no file)
 * - `POST /api/flows/:id/review/comments` with `{ node, author, text }` → 201 `{ comment }`;
 *   400 when `author` or `text` is missing or empty, 422 when `node` is no node of the flow
 * - `PATCH /api/flows/:id/review/comments/:commentId` with `{ resolved, by? }` → `{ comment }`;
 *   404 when there is no such comment
 * - `DELETE /api/flows/:id/review/comments/:commentId` → 204; 404 when there is no such comment
 *
 * Committed versions, when the flows folder is in a git repository:
 * - `GET /api/flows/:id/revisions` → `{ flow, revisions: [{ rev, short, author, date, subject }] }`,
 *   newest first (none without git)
 * - `GET /api/flows/:id/revisions/:rev` → `{ flow, rev, text }`; 404 when the file is not in that commit
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import { locateDiagnostics } from '../../core/json/index.ts';
import { formatProblem, loadFlowText, type Problem } from '../../core/model/index.ts';
import { parseNewComment, parseResolution, type Checked } from '../../core/review/index.ts';
import { firstInvalidUtf8, unencodableText } from '../files.ts';
import { createFlowFolder, fileNameOf, FLOW_ID_RULE, isFlowId, LinkRefused, NotUtf8, type FlowFolder } from './flowFolder.ts';
import { createReviewStore, reviewFileNameOf, type ReviewResult, type ReviewStore } from './reviews.ts';
import { serveStatic } from './staticFiles.ts';
import { REVISION_PATTERN, revisionsOf, textAt } from './revisions.ts';
import { DIAGNOSTIC_CODES } from '../../core/diagnostic/index.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5178;
/** The largest request body accepted. */
export const BODY_LIMIT = 5 * 1024 * 1024;
/** Past this much, an oversized body is no longer read to the end: the connection is dropped. */
const DRAIN_LIMIT = 8 * BODY_LIMIT;

export interface ServerOptions {
  /** The folder of `*.ivr.json` files to edit; it must exist. */
  readonly flowsDir: string;
  /** The designer's build; it must hold an `index.html`. */
  readonly distDir: string;
  /** The address to listen on: `127.0.0.1` by default. */
  readonly host?: string;
  /** The port to listen on: 5178 by default; 0 picks a free one. */
  readonly port?: number;
  /** Told about errors answered with a 500 (bugs, disk failures). */
  readonly onError?: (error: unknown) => void;
}

export interface RunningServer {
  /** Where to open the designer, e.g. `http://127.0.0.1:5178/`. */
  readonly url: string;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Stops listening, lets requests under way finish (saves always do), and resolves when all is closed. */
  close(): Promise<void>;
}

export type ServerStartFailure = 'no-build' | 'no-flows' | 'port-in-use' | 'cannot-listen';

/** Why the server could not start: something the user can fix. */
export class ServerStartError extends Error {
  readonly reason: ServerStartFailure;

  constructor(reason: ServerStartFailure, message: string) {
    super(message);
    this.name = 'ServerStartError';
    this.reason = reason;
  }
}

/** An answer other than 2xx, with fields to add beside `error`. */
class HttpError extends Error {
  readonly status: number;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    fields: Record<string, unknown> = {},
    headers: Record<string, string> = {}
  ) {
    super(message);
    this.status = status;
    this.fields = fields;
    this.headers = headers;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/** The header a write must carry: a cross-site form cannot send it, and a cross-site fetch cannot without the server's consent. */
export const WRITE_HEADER = 'X-Zero-Out';

/** `::1` → `[::1]`, as in a URL or a Host header. */
function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The names a request may address the server by, without the port: the
 * loopback names for a loopback address; the address given with `--host`;
 * and, listening on every address, the loopback names, every address of
 * this machine's network interfaces (read again at each request, as they
 * change) and its host name. A name that is not the server's (a DNS name an
 * attacker's page rebound to this machine) is never among them.
 */
function allowedHostNames(host: string): ReadonlySet<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (LOOPBACK_HOSTS.has(host)) return names;
  if (!WILDCARD_HOSTS.has(host)) return new Set([hostForUrl(host).toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) names.add(hostForUrl(address.address.replace(/%.*$/, '')).toLowerCase());
  }
  names.add(hostname().toLowerCase());
  return names;
}

/** Whether a Host header addresses the server listening on `host` and `port`. */
function isOwnHost(header: string, host: string, port: number): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(header.toLowerCase());
  if (match === null) return false;
  // Browsers leave the default port out of the Host header.
  const headerPort = match[2] === undefined ? 80 : Number(match[2]);
  return headerPort === port && allowedHostNames(host).has(match[1]!);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers
  });
  res.end(text);
}

/** Reads the request body as JSON, refusing more than `BODY_LIMIT` bytes. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DRAIN_LIMIT) {
      req.destroy();
      break;
    }
    // Past the limit the rest is read and dropped, so that the client gets the 413 rather than a broken pipe.
    if (size <= BODY_LIMIT) chunks.push(chunk);
  }
  if (size > BODY_LIMIT) {
    throw new HttpError(413, `the request body is larger than ${BODY_LIMIT / (1024 * 1024)} MB`, {}, { Connection: 'close' });
  }
  const bytes = Buffer.concat(chunks);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    throw new HttpError(400, `the request body is not UTF-8: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${bad}`);
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `{ text, baseVersion }`, checked. */
async function readSaveRequest(req: IncomingMessage): Promise<{ text: string; baseVersion: string | null }> {
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'the request body must be a JSON object: { "text": string, "baseVersion": string | null }');
  }
  const { text, baseVersion } = body as Record<string, unknown>;
  if (typeof text !== 'string') throw new HttpError(400, '"text" must be a string: the flow file\'s content');
  if (baseVersion !== null && typeof baseVersion !== 'string') {
    throw new HttpError(
      400,
      '"baseVersion" must be a string (the version last loaded) or null (to create a new flow)'
    );
  }
  return { text, baseVersion };
}

/** The problems that keep `text` from being saved as flow `id`, or none. A UTF-8 byte order mark before it is accepted, as on reading. */
function problemsToSave(id: string, sent: string): Problem[] {
  const file = fileNameOf(id);
  // Written as UTF-8, a lone surrogate would become U+FFFD without a word.
  const unencodable = unencodableText(sent, file);
  if (unencodable !== undefined) return [unencodable];
  const text = sent.charCodeAt(0) === 0xfeff ? sent.slice(1) : sent;
  const loaded = loadFlowText(text, file);
  if (!loaded.ok) return locateDiagnostics(loaded.problems, text);
  if (loaded.flow.id === id) return [];
  const message = `the flow's id ${JSON.stringify(loaded.flow.id)} does not match its file name: expected ${JSON.stringify(id)}`;
  return locateDiagnostics([{ code: DIAGNOSTIC_CODES.schema, severity: 'error', file, pointer: '/id', message }], text);
}

function unprocessable(problems: readonly Problem[]): HttpError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const error = `not saved: ${first ? formatProblem(first) : 'not a valid flow'}${more}`;
  return new HttpError(422, error, { problems });
}

/** A request body checked by `parse`, or a 400 naming the field at fault and the body expected. */
async function readCheckedBody<T>(
  req: IncomingMessage,
  parse: (value: unknown, file: string) => Checked<T>,
  expected: string
): Promise<T> {
  const checked = parse(await readJsonBody(req), 'the request body');
  if (checked.ok) return checked.value;
  const [first] = checked.problems;
  const more = checked.problems.length > 1 ? ` (and ${checked.problems.length - 1} more)` : '';
  throw new HttpError(400, `${first ? formatProblem(first) : 'the request body is not valid'}${more} (send ${expected})`);
}

/** The review routes under `/api/flows/:id/review`, by the segments after the id. */
type ReviewRoute = 'review' | 'comments' | 'comment';

const REVIEW_METHODS: Readonly<Record<ReviewRoute, readonly string[]>> = {
  review: ['GET'],
  comments: ['POST'],
  comment: ['PATCH', 'DELETE']
};

/** Which review route `segments` (['api', 'flows', id, 'review', …]) is, if any. */
function reviewRouteOf(segments: readonly string[]): ReviewRoute | undefined {
  if (segments.length === 4) return 'review';
  if (segments[4] !== 'comments') return undefined;
  if (segments.length === 5) return 'comments';
  if (segments.length === 6 && segments[5] !== '') return 'comment';
  return undefined;
}

function conflictMessage(file: string, baseVersion: string | null, current: unknown): string {
  if (baseVersion === null) return `${file} already exists: load it, or choose another id`;
  if (current === null) return `${file} no longer exists: it was deleted or renamed elsewhere`;
  return `${file} was changed elsewhere since it was loaded: reload it before saving`;
}

/** The handlers of the flows API. */
function createApi(folder: FlowFolder, reviews: ReviewStore) {
  /**
   * A write must come from the designer: from its own origin when the
   * browser names one (the Host, already checked, is the server's own),
   * with the header {@link WRITE_HEADER}, and with a JSON body when it has
   * one. A cross-site form can send neither the header nor JSON.
   */
  const checkWrite = (req: IncomingMessage, withBody: boolean): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`) {
      throw new HttpError(403, `a change from another origin (${origin}) is refused`);
    }
    if (req.headers[WRITE_HEADER.toLowerCase()] !== '1') {
      throw new HttpError(403, `a change must come from the designer: send the header "${WRITE_HEADER}: 1"`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (withBody && type !== 'application/json') {
      throw new HttpError(415, `send the request body as JSON, with "Content-Type: application/json"${type === '' ? '' : ` (not ${type})`}`);
    }
  };

  const flowId = (segment: string): string => {
    let id: string;
    try {
      id = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, `malformed percent-encoding in the flow id ${JSON.stringify(segment)}`);
    }
    if (!isFlowId(id)) throw new HttpError(400, `${JSON.stringify(id)} is not a flow id: use ${FLOW_ID_RULE}`);
    return id;
  };

  const notFound = (id: string): HttpError =>
    new HttpError(404, `no flow ${JSON.stringify(id)}: there is no ${fileNameOf(id)} in the flows folder`);

  const commentIdOf = (segment: string): string => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, `malformed percent-encoding in the comment id ${JSON.stringify(segment)}`);
    }
  };

  /** The value of a review change, or the error answering why there is none. */
  const reviewed = <T>(id: string, result: ReviewResult<T>): T => {
    switch (result.status) {
      case 'ok':
        return result.value;
      case 'no-flow':
        throw notFound(id);
      case 'invalid-review': {
        const problems = locateDiagnostics(result.problems, result.text);
        const [first] = problems;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        const where = first ? formatProblem(first) : reviewFileNameOf(id);
        throw new HttpError(422, `the review file is not valid, and is left as it is until fixed: ${where}${more}`, { problems });
      }
      case 'invalid-flow': {
        const problems = locateDiagnostics(result.problems, result.text);
        const [first] = problems;
        const where = first ? formatProblem(first) : fileNameOf(id);
        throw new HttpError(422, `cannot check the node commented on, as the flow is not valid: ${where}`, { problems });
      }
      case 'unknown-node':
        throw new HttpError(
          422,
          `flow ${JSON.stringify(id)} has no node ${JSON.stringify(result.node)}: a comment must be on one of its nodes`
        );
      case 'unknown-comment':
        throw new HttpError(
          404,
          `no comment ${JSON.stringify(result.commentId)} in the review of flow ${JSON.stringify(id)} (${reviewFileNameOf(id)})`
        );
    }
  };

  /** `/api/flows/:id/review` and the comments under it. */
  const review = async (req: IncomingMessage, res: ServerResponse, pathname: string, segments: readonly string[]): Promise<void> => {
    const method = req.method ?? 'GET';
    const route = reviewRouteOf(segments);
    if (route === undefined) throw new HttpError(404, `no such API route: ${method} ${pathname}`);
    const allowed = REVIEW_METHODS[route];
    if (!allowed.includes(method)) {
      throw new HttpError(405, `${method} is not allowed on ${pathname}`, {}, { Allow: allowed.join(', ') });
    }
    const id = flowId(segments[2] ?? '');

    if (route === 'review') {
      const { flow, comments } = reviewed(id, await reviews.read(id));
      sendJson(res, 200, { flow, comments });
      return;
    }

    checkWrite(req, method !== 'DELETE');
    if (route === 'comments') {
      const comment = await readCheckedBody(req, parseNewComment, '{ "node": string, "author": string, "text": string }');
      sendJson(res, 201, { comment: reviewed(id, await reviews.add(id, comment)) });
      return;
    }

    const commentId = commentIdOf(segments[5] ?? '');
    if (method === 'PATCH') {
      const resolution = await readCheckedBody(req, parseResolution, '{ "resolved": boolean, "by"?: string }');
      sendJson(res, 200, { comment: reviewed(id, await reviews.resolve(id, commentId, resolution)) });
      return;
    }
    reviewed(id, await reviews.remove(id, commentId));
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  };

  /** `/api/flows/:id/revisions` and `/api/flows/:id/revisions/:rev`: the flow's committed versions. */
  const revisions = async (req: IncomingMessage, res: ServerResponse, pathname: string, segments: readonly string[]): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method !== 'GET') throw new HttpError(405, `${method} is not allowed on ${pathname}`, {}, { Allow: 'GET' });
    if (segments.length > 5 || (segments.length === 5 && segments[4] === '')) throw new HttpError(404, `no such API route: ${method} ${pathname}`);
    const id = flowId(segments[2] ?? '');
    const file = fileNameOf(id);
    if (segments.length === 4) {
      sendJson(res, 200, { flow: id, revisions: await revisionsOf(folder.dir, file) });
      return;
    }
    const rev = segments[4]!;
    if (!REVISION_PATTERN.test(rev)) throw new HttpError(400, `${JSON.stringify(rev)} is not a commit id: use 7 to 40 hex digits`);
    const text = await textAt(folder.dir, file, rev);
    if (text === undefined) throw new HttpError(404, `${file} is not in commit ${rev}`);
    sendJson(res, 200, { flow: id, rev, text });
  };

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> => {
    const method = req.method ?? 'GET';
    const segments = pathname.split('/').slice(1); // ['api', 'flows', id]
    if (segments[1] === 'flows' && segments[3] === 'review') {
      await review(req, res, pathname, segments);
      return;
    }
    if (segments[1] === 'flows' && segments[3] === 'revisions') {
      await revisions(req, res, pathname, segments);
      return;
    }
    if (segments[1] !== 'flows' || segments.length > 3 || (segments.length === 3 && segments[2] === '')) {
      throw new HttpError(404, `no such API route: ${method} ${pathname}`);
    }

    if (segments.length === 2) {
      if (method !== 'GET') throw new HttpError(405, `${method} is not allowed on ${pathname}`, {}, { Allow: 'GET' });
      sendJson(res, 200, { flows: await folder.list() });
      return;
    }

    if (method !== 'GET' && method !== 'PUT' && method !== 'DELETE') {
      throw new HttpError(405, `${method} is not allowed on a flow`, {}, { Allow: 'GET, PUT, DELETE' });
    }
    const id = flowId(segments[2] ?? '');
    const file = fileNameOf(id);

    if (method === 'GET') {
      const content = await folder.read(id);
      if (content === undefined) throw notFound(id);
      sendJson(res, 200, content);
      return;
    }

    checkWrite(req, method === 'PUT');
    if (method === 'PUT') {
      const { text, baseVersion } = await readSaveRequest(req);
      const problems = problemsToSave(id, text);
      if (problems.length > 0) throw unprocessable(problems);
      const result = await folder.save(id, text, baseVersion);
      if (result.status === 'conflict') {
        throw new HttpError(409, conflictMessage(file, baseVersion, result.current), { current: result.current });
      }
      sendJson(res, 200, { id, file, version: result.version });
      return;
    }

    const version = query.get('version');
    if (version === null) {
      throw new HttpError(400, `say which version to delete: DELETE /api/flows/${id}?version=<version>`);
    }
    // A flow deleted because it was renamed: its review comments go with it.
    const renamedTo = query.get('renamedTo');
    if (renamedTo !== null) {
      const to = flowId(encodeURIComponent(renamedTo));
      if ((await folder.read(to)) === undefined) throw new HttpError(409, `renamedTo: there is no flow ${JSON.stringify(to)} to carry the review to: save it first`);
    }
    const result = await folder.remove(id, version);
    if (result.status === 'absent') throw notFound(id);
    if (result.status === 'conflict') {
      throw new HttpError(409, `${file} was changed elsewhere since it was loaded: not deleted`, {
        current: result.current
      });
    }
    if (renamedTo !== null) await reviews.carry(id, renamedTo);
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  };
}

async function checkFolders(flowsDir: string, distDir: string): Promise<void> {
  const index = path.join(distDir, 'index.html');
  const built = await stat(index).then(
    (stats) => stats.isFile(),
    () => false
  );
  if (!built) {
    throw new ServerStartError(
      'no-build',
      `the designer is not built: ${index} is missing. Run "npm run build" first ("npm start" builds first)`
    );
  }
  const flows = await stat(flowsDir).then(
    (stats) => (stats.isDirectory() ? 'folder' : 'file'),
    () => 'missing'
  );
  if (flows !== 'folder') {
    throw new ServerStartError(
      'no-flows',
      flows === 'missing' ? `the flows folder ${flowsDir} does not exist` : `${flowsDir} is not a folder of flows`
    );
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${hostForUrl(host)}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(new ServerStartError('port-in-use', `port ${port} is already in use on ${host}`));
      } else if (error.code === 'EACCES') {
        reject(new ServerStartError('cannot-listen', `not allowed to listen on ${where} (ports below 1024 need privileges)`));
      } else {
        reject(new ServerStartError('cannot-listen', `cannot listen on ${where}: ${error.code ?? error.message}`));
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts the designer's server.
 *
 * @throws ServerStartError when the build or the flows folder is missing, or
 *   the port cannot be used.
 * @example
 * const server = await startServer({ flowsDir: 'flows', distDir: 'dist', port: 0 });
 * console.log(server.url); // http://127.0.0.1:40123/
 * await server.close();
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const flowsDir = path.resolve(options.flowsDir);
  const distDir = path.resolve(options.distDir);
  const host = (options.host ?? DEFAULT_HOST).replace(/^\[(.*)\]$/, '$1');
  await checkFolders(flowsDir, distDir);

  const folder = createFlowFolder(flowsDir);
  const reviews = createReviewStore(folder);
  const api = createApi(folder, reviews);
  let port = 0;
  let url = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    try {
      if (!pathname.startsWith('/')) throw new HttpError(400, 'the request path must start with "/"');
      const hostHeader = req.headers.host ?? '';
      if (!isOwnHost(hostHeader, host, port)) {
        throw new HttpError(403, `requests for host ${JSON.stringify(hostHeader)} are refused: open ${url}`);
      }
      if (isApi) await api(req, res, pathname, query);
      else await serveStatic(req, res, distDir, pathname);
    } catch (thrown) {
      if (res.headersSent || res.destroyed) {
        if (!res.destroyed) res.destroy();
        return;
      }
      // A link out of the folder, a file that is no UTF-8: the user's to fix, said as such.
      const error =
        thrown instanceof LinkRefused
          ? new HttpError(403, thrown.message)
          : thrown instanceof NotUtf8
            ? new HttpError(422, thrown.message, { problems: [thrown.problem] })
            : thrown;
      if (error instanceof HttpError) {
        if (isApi) sendJson(res, error.status, { error: error.message, ...error.fields }, error.headers);
        else {
          const text = `${error.message}\n`;
          res.writeHead(error.status, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Length': Buffer.byteLength(text),
            ...error.headers
          });
          res.end(text);
        }
        return;
      }
      // A client that went away mid-request needs no answer and is no error.
      if (req.destroyed) return;
      options.onError?.(error);
      sendJson(res, 500, { error: `internal error: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  port = await listen(server, host, options.port ?? DEFAULT_PORT);
  url = `http://${hostForUrl(WILDCARD_HOSTS.has(host) ? DEFAULT_HOST : host)}:${port}/`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Requests under way get a moment to finish; a browser's kept-alive connection does not hold the exit.
        const timer = setTimeout(() => server.closeAllConnections(), 1000);
        await closed;
        clearTimeout(timer);
        await folder.settled();
        await reviews.settled();
      })();
      return closing;
    }
  };
}
