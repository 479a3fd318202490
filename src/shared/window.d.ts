/**
 * `window.switchboard`, as the Electron preload exposes it: the one declaration, for the renderer
 * and the Node-side type-check alike. Absent in a plain browser, where the UI uses the HTTP bridge.
 */
import type { SwitchboardApi } from './api';

declare global {
  interface Window {
    readonly switchboard?: SwitchboardApi;
  }
}

export {};
