/** React binding of the self-check store: components read state through this and call store actions. */
import { useSyncExternalStore } from 'react';
import type { State } from '../../client/store.ts';
import { getState, subscribe } from '../../client/store.ts';

export function useStore(): State {
  return useSyncExternalStore(subscribe, getState, getState);
}
