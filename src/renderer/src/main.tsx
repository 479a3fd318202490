/**
 * Renderer entry: the Electron preload's `window.switchboard` when present, else the HTTP bridge
 * to `switchboard serve` on this origin. Everything below talks to SwitchboardApi only.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SwitchboardApi } from '../../shared/api';
import { createHttpBridge } from './bridge/httpBridge';
import { connectBridge } from './state/connectBridge';
import { StoresContext, createStores } from './state/stores';
import { App } from './views/App';
import './styles/base.css';
import './styles/views.css';
import './styles/untrusted.css';
import './styles/live.css';
import './styles/monitor.css';

const api: SwitchboardApi = window.switchboard ?? createHttpBridge();
const stores = createStores(api);
connectBridge(api, stores);

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing <div id="root">.');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
