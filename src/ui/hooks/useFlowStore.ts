import { useEffect, useState } from 'react';
import { chooseStore, type FlowStore } from '../services/store.ts';

/**
 * The store the page's flows live in, chosen once at start-up: the local
 * server when it answers, else this browser. Null until it is known.
 */
export function useFlowStore(): FlowStore | null {
  const [store, setStore] = useState<FlowStore | null>(null);
  useEffect(() => {
    let live = true;
    void chooseStore().then((chosen) => {
      if (live) setStore(chosen);
    });
    return () => {
      live = false;
    };
  }, []);
  return store;
}
