import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { cleanup, run } from '../helpers.ts';
import { makeProject } from './support.ts';

afterEach(cleanup);

/** Starts `main` and waits for its first line of output, leaving it running. */
async function startMain(args: readonly string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const exit = main(args, {
    cwd,
    color: false,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) }
  });
  let exited = false;
  void exit.then(() => (exited = true));
  const deadline = Date.now() + 10_000;
  while (!stdout.includes('\n') && !exited && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return { exit, stdout: () => stdout, stderr: () => stderr };
}

describe('zeroout serve', () => {
  it('prints the URL, serves the flows folder, and stops cleanly on SIGTERM', async () => {
    const project = makeProject();
    const running = await startMain(['serve', 'flows', '--port', '0', '--dist', 'dist'], project.root);
    expect(running.stdout()).toMatch(/^Zero Out designer: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const url = running.stdout().slice('Zero Out designer: '.length).trim();
    expect(Number(new URL(url).port)).toBeGreaterThan(0);

    const listed = (await (await fetch(new URL('api/flows', url))).json()) as { flows: { id: string }[] };
    expect(listed.flows.map((flow) => flow.id)).toEqual(['bank', 'clinic']);

    process.emit('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.stderr()).toBe('');
    // One line only, and the port is free again.
    expect(running.stdout().split('\n')).toHaveLength(2);
    await expect(fetch(url)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('exits 2 telling to build the designer when dist/index.html is missing', async () => {
    const project = makeProject();
    const result = await run(['serve', 'flows', '--port', '0', '--dist', 'no-build'], project.root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: the designer is not built: .*no-build[\\/]index\.html is missing\. Run "npm run build"/);
  });

  it('exits 2 when the flows folder does not exist', async () => {
    const project = makeProject();
    const result = await run(['serve', 'no-flows', '--port', '0', '--dist', 'dist'], project.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: the flows folder .*no-flows does not exist/);
  });

  it('exits 2 saying so when the port is in use', async () => {
    const project = makeProject();
    const other: Server = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const result = await run(['serve', 'flows', '--port', String(port), '--dist', 'dist'], project.root);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`error: port ${port} is already in use on 127.0.0.1`);
      expect(result.stderr).toContain('--port');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('exits 2 on a port that is no number', async () => {
    const project = makeProject();
    const result = await run(['serve', 'flows', '--port', 'eighty', '--dist', path.join(project.root, 'dist')], project.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port "eighty": expected a port number from 0 to 65535');
  });
});
