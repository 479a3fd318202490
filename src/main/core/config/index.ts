export { loadConfigStore, readConfigFile, defaultRawConfig, serializeConfig } from './configStore';
export type { ConfigStoreOptions } from './configStore';
export { ConfigError, configErrorFromZod, formatKeyPath } from './configError';
export {
  resolveConfig,
  parseConfigText,
  activitySettingsSchema,
  isListenAddress,
  TOP_LEVEL_KEYS,
} from './configSchema';
export {
  resolveServerEntry,
  serverNameProblem,
  FOREIGN_SERVER_KEYS,
  SERVER_ENTRY_KEYS,
} from './serverEntrySchema';
export { resolveDataDir } from './dataDir';
export { maskSecret, maskSecrets } from './maskSecret';
export { writeFileAtomic } from './atomicWrite';
export {
  CONFIG_FILE_NAME,
  DEFAULT_ACTIVITY_SETTINGS,
  DEFAULT_LISTEN,
  DEFAULT_TIMEOUT_MS,
} from './defaults';
export type {
  ConfigStore,
  ConfigWarning,
  RawConfig,
  ServerConfig,
  SwitchboardConfig,
} from './contracts';
