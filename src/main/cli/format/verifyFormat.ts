import type { ChainVerifyResult } from '../../../shared/audit';
import { renderKeyValue } from './output';

/** `activity verify` for people: one verdict line, then what it rests on. */
export function renderVerifyResult(result: ChainVerifyResult): string {
  if (!result.ok) {
    const where = result.line === undefined ? '' : ` (line ${result.line})`;
    return `BROKEN at seq ${result.seq}${where}: ${result.kind}\n${result.message}\n(${result.records_checked} records checked before it)`;
  }
  const range =
    result.first_seq === null ? 'no records' : `seq ${result.first_seq} to ${result.last_seq}`;
  return `OK  the chain verifies\n${renderKeyValue([
    ['Records', `${result.records} (${range})`],
    ['Head', result.head_hash],
    [
      'Checkpoints',
      `${result.checkpoints}${result.last_checkpoint_seq === null ? '' : `, the last at seq ${result.last_checkpoint_seq}`}`,
    ],
    [
      'Not yet checkpointed',
      result.unproved_records === 0
        ? 'none'
        : `${result.unproved_records} newest records (consistent; deletion of these cannot be proved until the next checkpoint)`,
    ],
  ])}`;
}
