/** The window: navigation on the left, one view on the right, chosen by the URL hash. */
import { Suspense, lazy, useEffect } from 'react';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { Notices } from '../components/Notices';
import { useRoute } from '../hooks/useRoute';
import { failingLabel, failingServers } from '../lib/failingServers';
import { formatHash, type ViewName } from '../lib/hashRoute';
import { useServers, useSettings, useStores } from '../state/stores';
import { ActivityView } from './activity/ActivityView';
import { PendingApprovals } from './approvals/PendingApprovals';
import { PoliciesView } from './policies/PoliciesView';
import { ServersView } from './servers/ServersView';
import { SettingsView } from './settings/SettingsView';
import { TokensView } from './tokens/TokensView';

// recharts is most of the bundle: load it with the Summary view, not at start.
const SummaryView = lazy(() =>
  import('./summary/SummaryView').then((module) => ({ default: module.SummaryView })),
);

const NAV: { view: ViewName; label: string; key: string }[] = [
  { view: 'activity', label: 'Activity', key: '1' },
  { view: 'summary', label: 'Summary', key: '2' },
  { view: 'servers', label: 'Servers', key: '3' },
  { view: 'policies', label: 'Policies', key: '4' },
  { view: 'tokens', label: 'Tokens & Connect', key: '5' },
  { view: 'settings', label: 'Settings', key: '6' },
];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function App() {
  const { view } = useRoute();
  const { settings } = useStores();
  const serversStatus = useServers((state) => state.status);
  const serversError = useServers((state) => state.error);
  const serverCount = useServers((state) => state.servers.length);
  const failing = failingServers(useServers((state) => state.servers));
  const version = useSettings((state) => state.info?.version);

  useEffect(() => {
    void settings.getState().loadStatus();
  }, [settings]);

  // Alt+1..6 switch views from anywhere, so the keyboard never has to find the sidebar.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || isTyping(event.target)) return;
      // `code`, not `key`: on macOS Alt+1 types "¡".
      const item = NAV.find((entry) => event.code === `Digit${entry.key}`);
      if (item) {
        event.preventDefault();
        window.location.hash = formatHash(item.view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const appState =
    serversStatus === 'error' ? 'error' : serversStatus === 'ready' ? 'ready' : 'loading';

  return (
    <div className="app" data-app-state={appState} data-view={view}>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </div>
        {NAV.map((item) => (
          <a
            key={item.view}
            href={formatHash(item.view)}
            className={`nav-link${item.view === view ? ' active' : ''}`}
            aria-current={item.view === view ? 'page' : undefined}
            title={`Alt+${item.key}`}
          >
            {item.label}
            {item.view === 'servers' && serverCount > 0 && failing.length === 0 && (
              <span className="badge">{serverCount}</span>
            )}
            {item.view === 'servers' && failing.length > 0 && (
              <span
                className="badge warn"
                data-testid="servers-badge"
                title={failingLabel(failing)}
              >
                ⚠ {failing.length} failing
              </span>
            )}
          </a>
        ))}
        <div className="sidebar-foot">
          <ConnectionIndicator />
          {version && <div>v{version}</div>}
        </div>
      </nav>
      <main className="main">
        <PendingApprovals />
        {appState === 'error' ? (
          <div className="state-message" role="alert">
            <h2>Switchboard is not answering</h2>
            <p>{serversError}</p>
            <p>
              Start it with <code>switchboard serve</code> and open the UI link it prints, then
              reload this page.
            </p>
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        ) : (
          <CurrentView view={view} />
        )}
      </main>
      <Notices />
    </div>
  );
}

function CurrentView({ view }: { view: ViewName }) {
  switch (view) {
    case 'activity':
      return <ActivityView />;
    case 'summary':
      return (
        <Suspense fallback={<div className="state-message muted">Loading summary…</div>}>
          <SummaryView />
        </Suspense>
      );
    case 'servers':
      return <ServersView />;
    case 'policies':
      return <PoliciesView />;
    case 'tokens':
      return <TokensView />;
    case 'settings':
      return <SettingsView />;
  }
}
