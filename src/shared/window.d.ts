/**
 * `window.switchboard`, as the Electron preload exposes it (src/preload/index.d.ts declares the
 * same for the Node-side type-check). Absent in a plain browser, where the UI uses the HTTP bridge.
 */
import type { SwitchboardApi } from './api';

declare global {
  interface Window {
    readonly switchboard?: SwitchboardApi;
  }
}

export {};
