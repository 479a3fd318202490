export { createServerAdmin } from './serverAdmin';
export type { ServerAdminDeps } from './serverAdmin';
export { NotFoundError, ConflictError } from './serverErrors';
export { toServerInfo } from './serverInfo';
export { mergeServerEntry } from './serverEntryPatch';
export { importedEntries } from './importServers';
export type { ServerAdmin } from './contracts';
