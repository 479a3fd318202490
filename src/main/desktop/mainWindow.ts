/** The main window's options and its close-to-tray behaviour (SPEC 9). */
import type { BrowserWindowConstructorOptions } from 'electron';
import { mainWindowWebPreferences } from './windowSecurity';

export interface MainWindowOptionsInput {
  preloadPath: string;
  iconPath: string;
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Switchboard',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    // Shown on 'ready-to-show' (or never, with --hidden), so no blank frame flashes.
    show: false,
    icon: input.iconPath,
    autoHideMenuBar: true,
    backgroundColor: '#16181d',
    webPreferences: mainWindowWebPreferences(input.preloadPath),
  };
}

export interface CloseToTrayWindowLike {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/**
 * Closing the window keeps the app running in the tray; only Quit (or the OS shutting down)
 * really closes it. `isQuitting` is true once a quit has begun.
 */
export function attachCloseToTray(window: CloseToTrayWindowLike, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
}

/** `--hidden` starts in the tray without showing the window. */
export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes('--hidden');
}
