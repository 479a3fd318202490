/** The Electron main process entry (out/main/index.js). */
import { runDesktopApp } from './desktop/desktopApp';

void runDesktopApp(process.argv.slice(1));
