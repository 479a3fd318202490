// The recorder worker run from source (tests, tsx benches): tsx's loader first, then the entry.
// Built apps load out/main/chunks/activityWriterWorker-*.js instead (src/main/recorderWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('../../../src/main/core/activity/recorder/activityWriterWorker.ts');
