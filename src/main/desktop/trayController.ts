/**
 * Keeps the tray icon, tooltip and menu in step with activity and servers. Refreshes are
 * coalesced (a busy proxy publishes thousands of records a second) and also run on a slow tick,
 * so "active" fades to "idle" and a block's red expires without new events.
 */
import type { TrayActivityTracker } from './trayActivityTracker';
import { trayIconState, trayTooltip, type TrayIconState } from './trayIconState';
import type { TrayAction, TrayApproval, TrayMenuItem, TrayServer } from './trayMenuModel';
import { trayMenuModel } from './trayMenuModel';

export const TRAY_REFRESH_COALESCE_MS = 250;
export const TRAY_TICK_MS = 5_000;

export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
}

export interface TrayControllerDeps<Image, Menu> {
  tray: TrayLike<Image, Menu>;
  icons: Record<TrayIconState, Image>;
  buildMenu(items: TrayMenuItem[], dispatch: (action: TrayAction) => void): Menu;
  dispatch(action: TrayAction): void;
  tracker: TrayActivityTracker;
  servers(): TrayServer[];
  /** Changed tools whose calls are blocked (SPEC 11); the icon asks for attention while any is. */
  toolsAwaitingReview?(): number;
  isMuted(): boolean;
  /** Held calls waiting for a person. */
  approvals?: () => TrayApproval[];
  now?: () => number;
}

export interface TrayController {
  /** Schedules a coalesced refresh. */
  invalidate(): void;
  /** Refreshes now; returns the icon state shown. */
  refresh(): TrayIconState;
  dispose(): void;
}

export function createTrayController<Image, Menu>(
  deps: TrayControllerDeps<Image, Menu>,
): TrayController {
  const now = deps.now ?? Date.now;
  let shownIcon: TrayIconState | null = null;
  let shownTooltip = '';
  let shownMenu = '';
  let pending: ReturnType<typeof setTimeout> | null = null;

  function refresh(): TrayIconState {
    const activity = deps.tracker.snapshot();
    const servers = deps.servers();
    const approvals = deps.approvals?.() ?? [];
    const waiting = approvals.length;
    const iconState = trayIconState({
      now: now(),
      lastCallAt: activity.lastCallAt,
      lastBlockAt: activity.lastBlockAt,
      inFlight: activity.inFlight,
      servers,
      toolsAwaitingReview: deps.toolsAwaitingReview?.() ?? 0,
      approvalsWaiting: waiting,
    });
    if (iconState !== shownIcon) {
      deps.tray.setImage(deps.icons[iconState]);
      shownIcon = iconState;
    }
    const tooltip = trayTooltip(iconState, activity.today, waiting);
    if (tooltip !== shownTooltip) {
      deps.tray.setToolTip(tooltip);
      shownTooltip = tooltip;
    }
    const model = trayMenuModel({
      iconState,
      today: activity.today,
      recentCalls: activity.recentCalls,
      servers,
      muted: deps.isMuted(),
      approvals,
    });
    const key = JSON.stringify(model);
    if (key !== shownMenu) {
      deps.tray.setContextMenu(deps.buildMenu(model, deps.dispatch));
      shownMenu = key;
    }
    return iconState;
  }

  const tick = setInterval(refresh, TRAY_TICK_MS);
  tick.unref?.();

  return {
    invalidate() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        refresh();
      }, TRAY_REFRESH_COALESCE_MS);
    },
    refresh,
    dispose() {
      clearInterval(tick);
      if (pending) clearTimeout(pending);
    },
  };
}
