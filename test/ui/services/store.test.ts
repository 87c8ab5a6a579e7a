import { describe, expect, it } from 'vitest';
import { chooseStore, isServerAnswer, serverStore } from '../../../src/ui/services/store.ts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

describe('isServerAnswer', () => {
  it("takes the server's list, and its JSON errors, as the server", async () => {
    expect(await isServerAnswer(json({ flows: [] }))).toBe(true);
    expect(await isServerAnswer(json({ error: 'cannot read the flows folder' }, 500))).toBe(true);
  });

  it("does not take a static host's answers for the server", async () => {
    expect(await isServerAnswer(new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } }))).toBe(false);
    // A host that answers every path with the page.
    expect(await isServerAnswer(new Response('<!doctype html><title>Zero Out</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }))).toBe(false);
    // JSON that is no flow list: a file named api/flows on the host.
    expect(await isServerAnswer(json({ items: [] }))).toBe(false);
    expect(await isServerAnswer(new Response('{"flows": [', { status: 200, headers: { 'Content-Type': 'application/json' } }))).toBe(false);
  });
});

describe('chooseStore', () => {
  it('chooses the server when /api/flows answers as it does', async () => {
    const asked: string[] = [];
    const store = await chooseStore(async (input) => {
      asked.push(String(input));
      return json({ flows: [{ id: 'bank', name: 'Bank', file: 'bank.ivr.json', version: 'v1' }] });
    });
    expect(store).toBe(serverStore);
    expect(store.kind).toBe('server');
    expect(store.where('bank')).toBe('flows/bank.ivr.json');
    expect(asked).toEqual(['/api/flows']);
  });
});
