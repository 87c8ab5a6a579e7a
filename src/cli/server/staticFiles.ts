/**
 * Serving the designer's production build (`dist/`). Paths without a file
 * extension that name no file are the single-page app's own routes, and get
 * `index.html`. Nothing outside the build folder is ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2'
};

/** Vite names the files under `assets/` by their content hash, so they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers
  });
  res.end(text);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (stats) => stats.isFile(),
    () => false
  );
}

/**
 * Answers a request for anything that is not the API from `distDir` (an
 * absolute path). `pathname` is the request's path, still percent-encoded.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  distDir: string,
  pathname: string
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `${req.method ?? 'This method'} is not allowed here\n`, { Allow: 'GET, HEAD' });
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'Malformed percent-encoding in the path\n');
    return;
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // "..", hidden files, and anything the file system could read as a separator or a drive.
  const unsafe = segments.some(
    (segment) => segment.startsWith('.') || segment.includes('\\') || segment.includes(':') || segment.includes('\0')
  );
  const index = path.join(distDir, 'index.html');
  const target = segments.length === 0 ? index : path.resolve(distDir, ...segments);
  const relative = path.relative(distDir, target);
  if (unsafe || relative.startsWith('..') || path.isAbsolute(relative)) {
    sendText(res, 404, 'Not found\n');
    return;
  }

  let file: string;
  if (await isFile(target)) file = target;
  else if (path.extname(segments.at(-1) ?? '') === '') file = index;
  else {
    sendText(res, 404, 'Not found\n');
    return;
  }

  const body = await readFile(file);
  const cacheControl = file !== index && segments[0] === 'assets' ? IMMUTABLE : 'no-cache';
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': body.length,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff'
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
