import type { SwitchboardApi } from '../shared/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI is served by `switchboard serve`. */
    readonly switchboard?: SwitchboardApi;
  }
}

export {};
