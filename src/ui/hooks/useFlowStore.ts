import { useCallback, useEffect, useState } from 'react';
import { forgetFlowInAddress } from '../services/address.ts';
import { canPickFolder, forgetFolder, mayWrite, pickFolder, rememberedFolder, rememberFolder } from '../services/folderHandle.ts';
import { createFolderStore } from '../services/folderStore.ts';
import { chooseStore, type FlowStore } from '../services/store.ts';

/** Where the page's flows live, and the ways to move them to a folder on disk and back. */
export interface FlowPlaces {
  /** The store the designer works on; null until it is known, or while a folder remembered is offered. */
  readonly store: FlowStore | null;
  /** Changes whenever the store is switched: the designer is mounted afresh on the new one. */
  readonly generation: number;
  /** Whether "Open folder…" is offered: a static page in a browser with the File System Access API. */
  readonly canOpenFolder: boolean;
  /** The folder opened on an earlier visit, offered again before anything opens (its name). */
  readonly offered: string | undefined;
  /** Why the folder offered could not be opened, when it could not. */
  readonly offerError: string | undefined;
  /** Asks for a folder and switches to it; resolves to whether it did (false when the user cancelled). */
  openFolder(): Promise<boolean>;
  /** Asks permission for the folder offered and switches to it (call from a click). */
  reopenFolder(): Promise<void>;
  /** Goes back to the flows kept in this browser, and forgets the folder. */
  chooseBrowser(): Promise<void>;
}

/**
 * The store the page's flows live in: the local server when it answers, else
 * this browser, or a folder the user opened in it. On a static page a folder
 * opened on an earlier visit is offered again first: the browser asks for
 * permission again, which needs a click.
 */
export function useFlowStore(): FlowPlaces {
  const [store, setStore] = useState<FlowStore | null>(null);
  const [generation, setGeneration] = useState(0);
  // The store the page falls back to: the server, or this browser's.
  const [fallback, setFallback] = useState<FlowStore | null>(null);
  const [offered, setOffered] = useState<FileSystemDirectoryHandle | undefined>(undefined);
  const [offerError, setOfferError] = useState<string | undefined>(undefined);

  const switchTo = useCallback((next: FlowStore) => {
    setOffered(undefined);
    setOfferError(undefined);
    setStore(next);
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const chosen = await chooseStore();
      const remembered = chosen.kind === 'browser' && canPickFolder() ? await rememberedFolder() : undefined;
      if (!live) return;
      setFallback(chosen);
      if (remembered !== undefined) setOffered(remembered);
      else setStore(chosen);
    })();
    return () => {
      live = false;
    };
  }, []);

  const openFolder = useCallback(async () => {
    const handle = await pickFolder();
    if (handle === undefined) return false;
    if (!(await mayWrite(handle))) throw new Error(`the browser was not allowed to read and write the folder ${handle.name}`);
    await rememberFolder(handle);
    // The flow the address names was another place's.
    forgetFlowInAddress();
    switchTo(createFolderStore(handle));
    return true;
  }, [switchTo]);

  const reopenFolder = useCallback(async () => {
    if (offered === undefined) return;
    try {
      if (!(await mayWrite(offered))) {
        setOfferError(`The browser was not allowed to read and write the folder ${offered.name}. Reopen it to be asked again, or use this browser.`);
        return;
      }
    } catch (error) {
      setOfferError(`The folder ${offered.name} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    switchTo(createFolderStore(offered));
  }, [offered, switchTo]);

  const chooseBrowser = useCallback(async () => {
    if (fallback === null) return;
    await forgetFolder();
    // The flow the address names was the folder's.
    forgetFlowInAddress();
    switchTo(fallback);
  }, [fallback, switchTo]);

  return {
    store: offered === undefined ? store : null,
    generation,
    canOpenFolder: fallback?.kind === 'browser' && canPickFolder(),
    offered: offered?.name,
    offerError,
    openFolder,
    reopenFolder,
    chooseBrowser
  };
}
