/**
 * A folder on the user's disk, as the File System Access API gives it
 * (Chromium-based browsers): asking for one, asking again for permission to
 * write to it, and remembering it in IndexedDB so that the next visit can
 * offer it again. TypeScript's DOM library lacks the picker and the
 * permission calls, so their minimal shapes are declared here.
 */

/** The permission state of a handle, as the browser answers it. */
type PermissionAnswer = 'granted' | 'denied' | 'prompt';

interface PermissionOptions {
  readonly mode: 'read' | 'readwrite';
}

/** A directory handle with the permission calls Chromium offers. */
interface PermittedHandle extends FileSystemDirectoryHandle {
  queryPermission?(options: PermissionOptions): Promise<PermissionAnswer>;
  requestPermission?(options: PermissionOptions): Promise<PermissionAnswer>;
}

type DirectoryPicker = (options?: { id?: string; mode?: 'read' | 'readwrite' }) => Promise<FileSystemDirectoryHandle>;

const READ_WRITE: PermissionOptions = { mode: 'readwrite' };

function picker(): DirectoryPicker | undefined {
  if (typeof window === 'undefined') return undefined;
  const found = (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker;
  return typeof found === 'function' ? (found as DirectoryPicker).bind(window) : undefined;
}

/** Whether this browser can open a folder (the File System Access API's directory picker). */
export function canPickFolder(): boolean {
  return picker() !== undefined;
}

/** Asks the user for a folder to read and write; undefined when they cancel. */
export async function pickFolder(): Promise<FileSystemDirectoryHandle | undefined> {
  const ask = picker();
  if (ask === undefined) throw new Error('this browser cannot open a folder: use Chrome, Edge or another Chromium-based browser');
  try {
    return await ask({ id: 'zero-out-flows', mode: 'readwrite' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    throw error;
  }
}

/**
 * Whether the page may read and write the folder, asking the user when it
 * may not yet (which needs a user gesture: call it from a click).
 */
export async function mayWrite(handle: FileSystemDirectoryHandle): Promise<boolean> {
  const permitted = handle as PermittedHandle;
  // A browser without the permission calls grants what the picker gave.
  if (permitted.queryPermission === undefined || permitted.requestPermission === undefined) return true;
  if ((await permitted.queryPermission(READ_WRITE)) === 'granted') return true;
  return (await permitted.requestPermission(READ_WRITE)) === 'granted';
}

const DB = 'zero-out-folder';
const HANDLES = 'handles';
/** The key of the folder last opened. */
const LAST = 'last';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>, factory: IDBFactory): Promise<T> {
  const open = factory.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(HANDLES);
  const db = await done(open);
  try {
    return await done(work(db.transaction(HANDLES, mode).objectStore(HANDLES)));
  } finally {
    db.close();
  }
}

/** Remembers the folder opened, for the next visit. False when this browser keeps nothing. */
export async function rememberFolder(handle: FileSystemDirectoryHandle, factory: IDBFactory = indexedDB): Promise<boolean> {
  return run('readwrite', (store) => store.put(handle, LAST), factory).then(
    () => true,
    () => false
  );
}

/** The folder opened last, if one is remembered. */
export async function rememberedFolder(factory: IDBFactory = indexedDB): Promise<FileSystemDirectoryHandle | undefined> {
  if (typeof factory === 'undefined') return undefined;
  const found = await run('readonly', (store) => store.get(LAST) as IDBRequest<unknown>, factory).catch(() => undefined);
  return typeof found === 'object' && found !== null && (found as FileSystemHandle).kind === 'directory' ? (found as FileSystemDirectoryHandle) : undefined;
}

/** Forgets the folder opened last: the next visit opens the flows kept in this browser. */
export async function forgetFolder(factory: IDBFactory = indexedDB): Promise<void> {
  await run('readwrite', (store) => store.delete(LAST), factory).catch(() => undefined);
}
