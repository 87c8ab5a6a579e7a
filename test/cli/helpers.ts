import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing its output. */
export async function run(args: readonly string[], cwd: string, options: { color?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    color: options.color ?? false,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) }
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder; `cleanup()` removes every folder made so far. */
const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zeroout-cli-'));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (name → text or JSON value) under `dir`, making folders as needed. */
export function writeFiles(dir: string, files: Readonly<Record<string, unknown>>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

type Json = Record<string, unknown>;

/** A flow with no findings at all. */
export function goodFlow(): Json {
  return {
    version: 1,
    id: 'good',
    name: 'Good',
    start: 'main',
    nodes: [
      {
        id: 'main',
        kind: 'menu',
        prompt: 'For billing press 1 or 2. For an agent press 0.',
        options: [
          { key: '1', next: 'billing' },
          { key: '2', next: 'billing' },
          { key: '0', next: 'agent' }
        ],
        noInput: 'main',
        invalid: 'main',
        maxRetries: 2,
        onMaxRetries: 'agent'
      },
      { id: 'billing', kind: 'prompt', prompt: 'Bills are due monthly.', next: 'agent' },
      { id: 'agent', kind: 'queue', queue: 'support', expectedWaitSeconds: 20, overflow: 'vm' },
      { id: 'vm', kind: 'voicemail', mailbox: 'main', prompt: 'Leave a message.' }
    ]
  };
}

/** The good flow with a lookup whose failure is not wired: one dead-end error, on /nodes/1. */
export function deadEndFlow(id = 'billing'): Json {
  const flow = goodFlow();
  const nodes = flow['nodes'] as Json[];
  nodes[1] = { id, kind: 'lookup', service: 'billing', success: 'agent' };
  for (const option of nodes[0]!['options'] as Json[]) if (option['next'] === 'billing') option['next'] = id;
  return { ...flow, id: 'dead-end' };
}

/** No stack trace, and one line per message. */
export function expectCleanErrors(stderr: string): void {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr)) throw new Error(`stack trace in stderr:\n${stderr}`);
}

/**
 * A small flow for command tests: a menu whose 0 goes to the front-desk
 * queue, which overflows to voicemail. `queue` adds to the queue node.
 */
export function deskFlow(options: { queue?: Record<string, unknown>; tests?: unknown[] } = {}) {
  return {
    version: 1,
    id: 'desk',
    name: 'Desk',
    start: 'main',
    nodes: [
      { id: 'main', kind: 'menu', prompt: 'For the front desk, press 0.', options: [{ key: '0', next: 'desk' }], noInput: 'main', invalid: 'main', maxRetries: 1, onMaxRetries: 'desk' },
      { id: 'desk', kind: 'queue', queue: 'Front desk', expectedWaitSeconds: 10, overflow: 'vm', ...options.queue },
      { id: 'vm', kind: 'voicemail', mailbox: 'desk' }
    ],
    ...(options.tests === undefined ? {} : { tests: options.tests })
  };
}
