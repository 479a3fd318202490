/**
 * The sandboxed preload (built as CommonJS: out/preload/index.cjs). It exposes exactly one thing,
 * `window.switchboard`, built from the IPC channel table.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeSwitchboard } from './exposeSwitchboard';

exposeSwitchboard(contextBridge, ipcRenderer);
