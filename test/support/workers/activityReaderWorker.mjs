// A reader worker run from source (tests, tsx benches): tsx's loader first, then the entry.
// Built apps load out/main/chunks/activityReaderWorker-*.js instead (src/main/readerWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('../../../src/main/core/activity/readers/activityReaderWorker.ts');
