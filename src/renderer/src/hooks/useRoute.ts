/** The current hash route, and navigation that keeps the address bar the source of truth. */
import { useSyncExternalStore } from 'react';
import { formatHash, parseHash, type Route, type ViewName } from '../lib/hashRoute';

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const snapshot = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parseHash(hash);
}

/** `replace` edits the current history entry (typing in a filter), otherwise a new one. */
export function navigate(view: ViewName, params?: URLSearchParams, replace = false): void {
  const hash = formatHash(view, params);
  if (hash === window.location.hash) return;
  if (replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
