/** A change to the bank example and the report `zeroout report --base` writes for it, for the report tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, writeFiles } from '../cli/helpers.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const BANK = path.join(import.meta.dirname, '../../flows/bank.ivr.json');

/** The bank flow with a new "mortgages" option (an added node), a reworded menu and a moved node. */
export function changedBank(): Json {
  const flow = JSON.parse(readFileSync(BANK, 'utf8')) as Json;
  const menu = (flow['nodes'] as Json[]).find((n) => n['id'] === 'main-menu')!;
  menu['prompt']['en-US'] = `${menu['prompt']['en-US']} For mortgages, press 4.`;
  menu['options'].push({ key: '4', next: 'mortgage-queue' });
  menu['position'] = { x: 1234, y: 567 };
  flow['nodes'].push({ id: 'mortgage-queue', name: 'Mortgage advisers', kind: 'queue', queue: 'Mortgages', expectedWaitSeconds: 120, announceWait: true });
  return flow;
}

/** Writes the bank flow before and after the change, and returns the report's Markdown. */
export async function bankReport(): Promise<string> {
  const dir = tempDir();
  writeFiles(dir, { 'base/bank.ivr.json': JSON.parse(readFileSync(BANK, 'utf8')), 'flows/bank.ivr.json': changedBank() });
  const result = await run(['report', 'flows/bank.ivr.json', '--base', 'base/bank.ivr.json', '--calls', '2000'], dir);
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout;
}
