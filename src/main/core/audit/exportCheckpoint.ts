/**
 * SPEC 12: an unfiltered JSON Lines export with bodies forces a checkpoint at the newest record,
 * stops there, and ends with the checkpoint as one `{"type": "checkpoint", ...}` line, so the
 * file can be proved complete and untouched up to it with only the public key.
 */
import type { ActivityFilter, ExportFormat } from '../../../shared/activity';
import type { AuditCheckpoint } from '../../../shared/audit';

export interface ExportCheckpointRequest {
  format: ExportFormat;
  includeBodies: boolean;
  filter: ActivityFilter;
}

export function isUnfiltered(filter: ActivityFilter): boolean {
  return Object.values(filter).every(
    (value) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0),
  );
}

export function checkpointLine(checkpoint: AuditCheckpoint): string {
  return `${JSON.stringify({ type: 'checkpoint', ...checkpoint })}\n`;
}

/** The export stream's `maxSeq` and `trailer`, or nothing for an export that carries no checkpoint. */
export async function exportCheckpoint(
  audit: { checkpoint(): Promise<AuditCheckpoint | null> },
  request: ExportCheckpointRequest,
): Promise<{ maxSeq?: number; trailer?: string }> {
  if (request.format !== 'jsonl' || !request.includeBodies || !isUnfiltered(request.filter))
    return {};
  const checkpoint = await audit.checkpoint();
  if (checkpoint === null) return {};
  return { maxSeq: checkpoint.seq, trailer: checkpointLine(checkpoint) };
}
