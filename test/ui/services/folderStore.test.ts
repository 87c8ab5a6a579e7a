import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textVersion } from '../../../src/ui/services/flowBundle.ts';
import { createFolderStore } from '../../../src/ui/services/folderStore.ts';

/**
 * A folder in memory with the parts of FileSystemDirectoryHandle the store
 * uses; `files` is what is on "disk", and `touched` every name asked for.
 */
function memoryFolder(name: string, files: Map<string, string>, subfolders: readonly string[] = []) {
  const touched: string[] = [];
  const missing = (file: string) => new DOMException(`${file} not found`, 'NotFoundError');
  const fileHandle = (file: string) => ({
    kind: 'file' as const,
    name: file,
    getFile: async () => ({ text: async () => files.get(file) ?? '' }),
    createWritable: async () => {
      let written = '';
      return {
        write: async (text: string) => {
          written += text;
        },
        close: async () => {
          files.set(file, written);
        },
        abort: async () => undefined
      };
    }
  });
  const handle = {
    kind: 'directory' as const,
    name,
    async getFileHandle(file: string, options?: { create?: boolean }) {
      touched.push(file);
      if (file.includes('/') || file === '..') throw new TypeError(`${file} is no name`);
      if (subfolders.includes(file)) throw new DOMException(`${file} is a folder`, 'TypeMismatchError');
      if (!files.has(file)) {
        if (options?.create !== true) throw missing(file);
        files.set(file, '');
      }
      return fileHandle(file);
    },
    async removeEntry(file: string) {
      touched.push(file);
      if (!files.delete(file)) throw missing(file);
    },
    async *values() {
      for (const folder of subfolders) yield { kind: 'directory' as const, name: folder };
      for (const file of [...files.keys()]) yield fileHandle(file);
    }
  };
  return { handle: handle as unknown as FileSystemDirectoryHandle, touched };
}

const clinic = readFileSync(new URL('../../../flows/clinic.ivr.json', import.meta.url), 'utf8');
const withName = (text: string, name: string) => `${JSON.stringify({ ...(JSON.parse(text) as object), name }, null, 2)}\n`;

describe('createFolderStore', () => {
  it('lists the flows of the folder, sorted, a file that is no flow with its error', async () => {
    const files = new Map([
      ['clinic.ivr.json', clinic],
      ['broken.ivr.json', '{ "id": '],
      ['clinic.review.json', '{}'],
      ['notes.txt', 'hello']
    ]);
    const store = createFolderStore(memoryFolder('team', files, ['old.ivr.json']).handle);
    expect(store.kind).toBe('folder');
    expect(store.where('clinic')).toBe('clinic.ivr.json in team');
    const list = await store.list();
    expect(list.map((f) => [f.id, f.name, f.file, f.error === undefined])).toEqual([
      ['broken', 'broken', 'broken.ivr.json', false],
      ['clinic', 'Maple Street Clinic: main line', 'clinic.ivr.json', true]
    ]);
    expect(list[1]!.version).toBe(textVersion(clinic));
  });

  it('saves at the version read, and refuses a save over a file changed on disk since, answering its text', async () => {
    const files = new Map([['clinic.ivr.json', clinic]]);
    const store = createFolderStore(memoryFolder('team', files).handle);
    const read = await store.read('clinic');
    expect(read?.version).toBe(textVersion(clinic));
    const mine = withName(clinic, 'Mine');
    expect(await store.save('clinic', mine, read!.version)).toEqual({ ok: true, version: textVersion(mine) });
    expect(files.get('clinic.ivr.json')).toBe(mine);

    const theirs = withName(clinic, 'Theirs');
    files.set('clinic.ivr.json', theirs);
    const refused = await store.save('clinic', withName(clinic, 'Mine again'), textVersion(mine));
    expect(refused).toMatchObject({ ok: false, conflict: { version: textVersion(theirs), text: theirs } });
    expect(refused).toMatchObject({ message: 'clinic.ivr.json in team was changed on disk since it was loaded: reload it before saving' });
    expect(files.get('clinic.ivr.json')).toBe(theirs);
    // A new flow never takes the name of a file there.
    expect(await store.save('clinic', mine, null)).toMatchObject({ ok: false, conflict: { text: theirs } });
  });

  it('saves only a valid flow whose id is its file name, and never a name outside the folder', async () => {
    const files = new Map<string, string>();
    const { handle, touched } = memoryFolder('team', files);
    const store = createFolderStore(handle);
    const wrongId = await store.save('other', clinic, null);
    expect(wrongId).toMatchObject({ ok: false, message: expect.stringMatching(/does not match its file name/) });
    const outside = await store.save('../clinic', clinic, null);
    expect(outside).toMatchObject({ ok: false, message: expect.stringMatching(/cannot name a flow/) });
    await expect(store.read('../clinic')).rejects.toThrow(/cannot name a flow/);
    await expect(store.loadReview('..')).rejects.toThrow(/cannot name a flow/);
    expect(await store.remove('a/b', 'v')).toBe(false);
    expect(files.size).toBe(0);
    expect(touched.filter((name) => name.includes('/') || name.startsWith('..'))).toEqual([]);
  });

  it('keeps comments in <id>.review.json, and carries them to a renamed flow', async () => {
    const files = new Map([['clinic.ivr.json', clinic]]);
    const store = createFolderStore(memoryFolder('team', files).handle);
    expect(await store.loadReview('clinic')).toEqual({ flow: 'clinic', comments: [] });
    const [node] = (JSON.parse(clinic) as { nodes: { id: string }[] }).nodes;
    const comment = await store.addComment('clinic', { node: node!.id, author: 'Dana', text: 'Shorter, please.' });
    expect(comment.id).toMatch(/^c-[0-9a-f]{12}$/);
    expect(JSON.parse(files.get('clinic.review.json')!)).toMatchObject({ flow: 'clinic', comments: [{ id: comment.id, author: 'Dana', text: 'Shorter, please.' }] });
    expect(await store.resolveComment('clinic', comment.id, true, 'Lee')).toMatchObject({ resolved: true, resolvedBy: 'Lee' });
    expect(JSON.parse(files.get('clinic.review.json')!)).toMatchObject({ comments: [{ resolved: true, resolvedBy: 'Lee' }] });
    await expect(store.addComment('clinic', { node: 'nowhere', author: 'Dana', text: 'x' })).rejects.toThrow(/no node "nowhere"/);

    // Renamed: saved under the new id, then the old removed at the version read.
    const renamed = `${JSON.stringify({ ...(JSON.parse(clinic) as object), id: 'clinic-2' }, null, 2)}\n`;
    expect((await store.save('clinic-2', renamed, null)).ok).toBe(true);
    expect(await store.remove('clinic', 'stale', 'clinic-2')).toBe(false);
    expect(await store.remove('clinic', textVersion(clinic), 'clinic-2')).toBe(true);
    expect([...files.keys()].sort()).toEqual(['clinic-2.ivr.json', 'clinic-2.review.json']);
    expect((await store.loadReview('clinic-2')).comments).toHaveLength(1);
    expect((await store.loadReview('clinic-2')).flow).toBe('clinic-2');
  });

  it('refuses to write over a review file that is no valid review', async () => {
    const files = new Map([
      ['clinic.ivr.json', clinic],
      ['clinic.review.json', '{"version": 1, "flow": "clinic", "comments": [oops']
    ]);
    const store = createFolderStore(memoryFolder('team', files).handle);
    await expect(store.loadReview('clinic')).rejects.toThrow(/clinic\.review\.json in team is not a valid review/);
    const [node] = (JSON.parse(clinic) as { nodes: { id: string }[] }).nodes;
    await expect(store.addComment('clinic', { node: node!.id, author: 'Dana', text: 'x' })).rejects.toThrow(/not a valid review/);
    expect(files.get('clinic.review.json')).toBe('{"version": 1, "flow": "clinic", "comments": [oops');
  });
});
