/**
 * What every file the server writes in the flows folder relies on: changes
 * to one flow's files run one after another, a write replaces a file whole
 * or not at all, and no id, and no symbolic link, leads outside the folder.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Runs tasks for the same id one after the other; ids that differ only in case are the same (as on a case-insensitive disk). */
export function perIdQueue(): { exclusive<T>(id: string, task: () => Promise<T>): Promise<T>; settled(): Promise<void> } {
  // The tail of each id's queue; it never rejects.
  const queues = new Map<string, Promise<void>>();
  return {
    exclusive<T>(id: string, task: () => Promise<T>): Promise<T> {
      const key = id.toLowerCase();
      const result = (queues.get(key) ?? Promise.resolve()).then(task);
      const tail = result.then(
        () => undefined,
        () => undefined
      );
      queues.set(key, tail);
      void tail.then(() => {
        if (queues.get(key) === tail) queues.delete(key);
      });
      return result;
    },
    async settled() {
      while (queues.size > 0) await Promise.all(queues.values());
    }
  };
}

/** The path of an id's file in `folder`, named by `fileName(id)`; throws for an id that is none or leads elsewhere. */
export function pathInFolder(folder: string, id: string, isId: (id: string) => boolean, fileName: (id: string) => string): string {
  if (!isId(id)) throw new Error(`not a flow id: ${JSON.stringify(id)}`);
  const target = path.resolve(folder, fileName(id));
  // Cannot happen for a valid id; checked all the same, as this guards the user's disk.
  if (path.dirname(target) !== folder) throw new Error(`${JSON.stringify(id)} leads outside the flows folder`);
  return target;
}

/** A symbolic link in the flows folder that the server does not follow: it leads outside the folder, or nowhere. */
export class LinkRefused extends Error {
  readonly file: string;

  constructor(file: string, reason: 'outside' | 'broken') {
    super(
      reason === 'outside'
        ? `${file} is a symbolic link to a file outside the flows folder: it is not opened, nor written through`
        : `${file} is a symbolic link to a file that does not exist: it is not written through`
    );
    this.name = 'LinkRefused';
    this.file = file;
  }
}

/**
 * Where a file of `folder` really is: `target` itself when it is no symbolic
 * link (or does not exist yet), or the file a link leads to when that lies
 * within the folder (in it or below it), so that a save replaces the file
 * the link names and leaves the link. A link that leads outside the folder,
 * or to nothing, is refused with {@link LinkRefused}.
 */
export async function resolveInFolder(folder: string, target: string): Promise<string> {
  const stats = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stats === undefined || !stats.isSymbolicLink()) return target;
  const name = path.basename(target);
  let real: string;
  try {
    real = await realpath(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LinkRefused(name, 'broken');
    throw error;
  }
  const within = path.relative(await realpath(folder), real);
  if (within === '' || within === '..' || within.startsWith(`..${path.sep}`) || path.isAbsolute(within)) throw new LinkRefused(name, 'outside');
  return real;
}

/** Writes a hidden temporary file beside the target, flushes it to disk, then renames it over the target. */
export async function writeAtomically(target: string, content: string | Buffer, mode: number | undefined): Promise<void> {
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // So that the rename itself survives a crash. Folders cannot be opened this way on Windows.
  const handle = await open(folder, 'r').catch(() => undefined);
  if (handle) await handle.sync().catch(() => undefined).finally(() => handle.close());
}
