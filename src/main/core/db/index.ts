export { openDatabase, DatabaseVersionError, LATEST_SCHEMA_VERSION } from './openDatabase';
export type { SwitchboardDatabase, OpenDatabaseOptions } from './openDatabase';
export { MIGRATIONS } from './migrations';
export type { Migration } from './migrations';
