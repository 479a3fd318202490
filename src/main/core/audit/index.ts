export {
  AUDIT_KEY_FILE,
  AUDIT_PUBLIC_KEY_FILE,
  dataDirPublicKey,
  ensureAuditKey,
  keyFingerprint,
  loadPrivateKey,
  loadPublicKey,
  type AuditKeyFiles,
  type AuditPublicKey,
} from './auditKey';
export { createAuditStore, type AuditStore, type ChainHead } from './auditStore';
export {
  CHECKPOINT_EVERY_MS,
  CHECKPOINT_EVERY_RECORDS,
  createChainAppender,
  type GapCheckpointRequest,
} from './chainAppender';
export {
  CHAIN_COLUMNS,
  CHAIN_COLUMNS_SQL,
  canonicalRecord,
  canonicalValues,
  chainHash,
  chainValues,
  recordHash,
  valuesHash,
  type ChainRow,
  type ChainValues,
  type ChainValuesView,
} from './chainRecord';
export {
  checkpointPayload,
  checkpointSignatureValid,
  createCheckpointSigner,
  type CheckpointSigner,
} from './checkpointSignature';
export {
  readChainPlan,
  startChainVerification,
  verifyChain,
  type ChainPlan,
  type ChainVerification,
  type UncheckedChainPlan,
} from './chainVerifier';
export { startChainRangeCheck, type ChainRange, type ChainRangeSummary } from './chainRangeCheck';
export { chainRanges, guidedChainRanges, resultFromParts, verifyInParts } from './parallelVerify';
export { createActivityAudit, type ActivityAudit } from './activityAudit';
export { verifyExportFile, type ExportVerifyOptions } from './exportVerifier';
export { checkpointLine, exportCheckpoint, isUnfiltered } from './exportCheckpoint';
export {
  chainPlanOfFile,
  checkChainRangeOfFile,
  verifyChainFile,
  type ChainFileVerifyOptions,
} from './verifyChainFile';
