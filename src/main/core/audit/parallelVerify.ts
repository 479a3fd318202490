/**
 * Verify on several threads (SPEC 12 asks for seconds on a 1M-record log). Hashing each record
 * from its content is nearly all of verify's work and needs nothing but the record, so the log's
 * seq range is cut into parts checked side by side (chainRangeCheck.ts). When every part holds
 * and the parts join up, the result follows from the plan alone: it is computed here by the same
 * rules as the sequential verifier's (chainVerifier.ts). Anything else (a broken record, a seq
 * gap, a checkpoint that does not match, a log that changed between the plan and the parts) is
 * handed to the sequential verifier, which names the first break exactly as it always has.
 */
import { ZERO_HASH, type ChainVerifyResult } from '../../../shared/audit';
import { CHECKPOINT_EVERY_RECORDS } from './chainAppender';
import type { ChainRange, ChainRangeSummary } from './chainRangeCheck';
import { checkStart, gapsOf, type UncheckedChainPlan } from './chainVerifier';

/** Below this many records one thread is as quick as starting the parts. */
export const PARALLEL_VERIFY_MIN_RECORDS = 20_000;

/**
 * Cuts the plan's seq range into consecutive ranges of `sizes` records (as many as it takes to
 * cover it), and hands each range a share of the checkpoints to check the signatures of, in
 * proportion to its size: together, all of them.
 */
function rangesOfSizes(plan: UncheckedChainPlan, sizes: readonly number[]): ChainRange[] {
  if (plan.first_seq === null || plan.last_seq === null) return [];
  const first = plan.first_seq;
  const last = plan.last_seq;
  const span = last - first + 1;
  const { checkpoints } = plan;
  const signedFrom = (offset: number): number =>
    Math.floor((Math.min(offset, span) * checkpoints.length) / span);
  const ranges: ChainRange[] = [];
  for (let from = first, i = 0; from <= last; i++) {
    const to = Math.min(last, from + sizes[Math.min(i, sizes.length - 1)]! - 1);
    ranges.push({
      from,
      to,
      checkpoint_seqs: checkpoints.filter((c) => c.seq >= from && c.seq <= to).map((c) => c.seq),
      signed: checkpoints.slice(signedFrom(from - first), signedFrom(to - first + 1)),
    });
    from = to + 1;
  }
  return ranges;
}

/** The plan's seq range in `parts` ranges of about equal size. */
export function chainRanges(plan: UncheckedChainPlan, parts: number): ChainRange[] {
  if (plan.first_seq === null || plan.last_seq === null) return [];
  return rangesOfSizes(plan, [Math.ceil((plan.last_seq - plan.first_seq + 1) / parts)]);
}

/** Records of the smallest part: tens of ms of work, against about a ms to open a part. */
export const SMALLEST_PART_RECORDS = 4096;

/**
 * The plan's seq range in ranges for `threads` threads that each take the next one when done:
 * each a share of what is left, largest first, down to SMALLEST_PART_RECORDS (or a few per
 * thread on a small log). The last part a thread takes is then small, so no thread idles long
 * while another ends a large one (the machine's other work slows one thread, not the other).
 */
export function guidedChainRanges(plan: UncheckedChainPlan, threads: number): ChainRange[] {
  if (plan.first_seq === null || plan.last_seq === null) return [];
  const span = plan.last_seq - plan.first_seq + 1;
  const smallest = Math.min(SMALLEST_PART_RECORDS, Math.ceil(span / (4 * threads)));
  const sizes: number[] = [];
  for (let left = span; left > 0;) {
    const size = Math.min(left, Math.max(smallest, Math.ceil(left / (2 * threads))));
    sizes.push(size);
    left -= size;
  }
  return rangesOfSizes(plan, sizes);
}

/**
 * The ok result when the parts prove the whole log sound, else null (the sequential verifier
 * decides). Mirrors chainVerifier.ts's checks for a log whose records all hash and link.
 */
export function resultFromParts(
  unchecked: UncheckedChainPlan,
  parts: readonly ChainRangeSummary[],
): ChainVerifyResult | null {
  if (unchecked.first_seq === null || unchecked.last_seq === null) return null;
  // chainRanges handed every checkpoint to one part: when all hold, no signature breaks.
  if (!parts.every((part) => part.signatures_hold)) return null;
  const plan = { ...unchecked, signature_break: null };
  let previous: ChainRangeSummary['last'] = null;
  let first: ChainRangeSummary['first'] = null;
  let count = 0;
  const hashAt = new Map<number, string | null>();
  for (const part of parts) {
    if (part.problem_seq !== null || part.first === null || part.last === null) return null;
    if (previous !== null) {
      if (part.first.seq !== previous.seq + 1 || part.first.prev_hash !== previous.hash)
        return null;
    }
    first ??= part.first;
    previous = part.last;
    count += part.count;
    for (const [seq, hash] of part.checkpoint_hashes) hashAt.set(seq, hash);
  }
  const last = previous;
  // The parts must hold exactly the plan's records: a log that changed in between is re-read.
  if (first === null || last === null) return null;
  if (first.seq !== plan.first_seq || last.seq !== plan.last_seq) return null;
  if (count !== last.seq - first.seq + 1) return null;
  if (checkStart(plan, first.seq, first.prev_hash) !== null) return null;

  const { head, checkpoints } = plan;
  const { maxFirstKept } = gapsOf(plan);
  for (const checkpoint of checkpoints) {
    const expected =
      checkpoint.seq < first.seq
        ? checkpoint.seq === 0
          ? ZERO_HASH
          : checkpoint.hash
        : checkpoint.seq <= last.seq
          ? hashAt.get(checkpoint.seq)
          : last.hash;
    if (checkpoint.hash !== expected) return null;
  }
  // No record more than 1,000 past the last checkpoint (or the migration) before it: the worst
  // record of each stretch is the one just before the next checkpoint, or the last.
  const seqs = checkpoints.map((c) => c.seq).sort((a, b) => a - b);
  const ends = [...seqs.filter((s) => s >= first.seq && s <= last.seq), last.seq];
  for (const end of ends) {
    const before = seqs.reduce((max, s) => (s < end ? Math.max(max, s) : max), 0);
    if (end - Math.max(before, head.migrated_through_seq) > CHECKPOINT_EVERY_RECORDS) return null;
  }
  const covered = Math.max(last.seq, maxFirstKept - 1, head.migrated_through_seq);
  if (checkpoints.reduce((max, c) => Math.max(max, c.seq), head.seq) > covered) return null;

  const lastCheckpointSeq = checkpoints.length === 0 ? null : checkpoints.at(-1)!.seq;
  return {
    ok: true,
    records: count,
    first_seq: first.seq,
    last_seq: last.seq,
    head_hash: last.hash ?? head.hash,
    checkpoints: checkpoints.length,
    last_checkpoint_seq: lastCheckpointSeq,
    unproved_records: Math.max(0, last.seq - Math.max(lastCheckpointSeq ?? 0, first.seq - 1)),
  };
}

export interface ParallelVerifyDoors {
  /** The plan, in a snapshot of the log; the parts check its signatures. */
  plan(): Promise<UncheckedChainPlan>;
  /** Checks one part (on another thread). */
  checkRange(range: ChainRange): Promise<ChainRangeSummary>;
  /** The sequential verifier, in a snapshot of its own. */
  sequential(): Promise<ChainVerifyResult>;
}

/** Verifies on `threads` threads side by side, falling back to the sequential verifier. */
export async function verifyInParts(
  doors: ParallelVerifyDoors,
  threads: number,
  minRecords = PARALLEL_VERIFY_MIN_RECORDS,
): Promise<ChainVerifyResult> {
  const plan = await doors.plan();
  if (threads < 2 || plan.total < minRecords) return doors.sequential();
  const ranges = guidedChainRanges(plan, threads);
  const summaries: ChainRangeSummary[] = new Array<ChainRangeSummary>(ranges.length);
  let next = 0;
  let broken = false;
  const worker = async (): Promise<void> => {
    // A part that breaks ends the walk: the sequential verifier names the break.
    while (!broken && next < ranges.length) {
      const at = next++;
      const summary = await doors.checkRange(ranges[at]!);
      summaries[at] = summary;
      if (summary.problem_seq !== null || !summary.signatures_hold) broken = true;
    }
  };
  await Promise.all(Array.from({ length: threads }, worker));
  return broken ? doors.sequential() : (resultFromParts(plan, summaries) ?? doors.sequential());
}
