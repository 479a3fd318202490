export {
  acquireDataDirLock,
  DataDirInUseError,
  findRunningInstance,
  LOCK_FILE_NAME,
  readInstanceInfo,
} from './dataDirLock';
export type { DataDirLock, InstanceInfo } from './dataDirLock';
