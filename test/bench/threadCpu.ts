/**
 * CPU time per thread from /proc (Linux), grouped into the roles of queryStorm.bench.ts: where a
 * phase's cycles went on a machine with fewer cores than busy threads. Elsewhere it reports
 * nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadTicks {
  pid: number;
  tid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

/** Linux's USER_HZ: /proc reports CPU time in these (100 on every mainstream build). */
const TICKS_PER_S = 100;

function readStat(path: string): { comm: string; fields: string[] } | null {
  try {
    const stat = readFileSync(path, 'utf8');
    // The name sits in parentheses and may itself hold spaces or parentheses.
    const close = stat.lastIndexOf(')');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      fields: stat.slice(close + 2).split(' '),
    };
  } catch {
    return null;
  }
}

/** Every thread of `pid` with its CPU time so far (empty when /proc is not there). */
export function threadsOf(pid: number): ThreadTicks[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const threads: ThreadTicks[] = [];
  for (const tid of tids) {
    const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
    // fields[0] is the state; utime and stime are fields 14 and 15 of the whole line.
    if (stat !== null)
      threads.push({
        pid,
        tid: Number(tid),
        comm: stat.comm,
        ticks: Number(stat.fields[11]) + Number(stat.fields[12]),
      });
  }
  return threads;
}

/** The children of `pid` (e.g. the upstream server a proxy spawned). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const candidate of pids) {
    const stat = readStat(`/proc/${candidate}/stat`);
    if (stat !== null && Number(stat.fields[1]) === pid) children.push(Number(candidate));
  }
  return children;
}

/** Role → thread, for a set of processes: `classify` names each thread's role. */
export type Classify = (thread: ThreadTicks) => string;

export interface CpuSnapshot {
  at: number;
  ticks: Map<string, { role: string; ticks: number }>;
}

export function snapshot(pids: readonly number[], classify: Classify): CpuSnapshot {
  const ticks = new Map<string, { role: string; ticks: number }>();
  for (const pid of pids)
    for (const thread of threadsOf(pid))
      ticks.set(`${pid}/${thread.tid}`, { role: classify(thread), ticks: thread.ticks });
  return { at: performance.now(), ticks };
}

/**
 * CPU seconds per role between two snapshots (threads that started in between count from zero;
 * threads that ended in between are lost, as /proc forgets them).
 */
export function cpuSecondsByRole(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const byRole: Record<string, number> = {};
  for (const [key, thread] of after.ticks) {
    const used = thread.ticks - (before.ticks.get(key)?.ticks ?? 0);
    byRole[thread.role] = (byRole[thread.role] ?? 0) + used / TICKS_PER_S;
  }
  return byRole;
}

/** Busy CPU seconds of the whole machine so far (all processes, every core), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq ...
    const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line
      .trim()
      .split(/\s+/)
      .map(Number);
    return (user + nice + system + irq + softirq) / TICKS_PER_S;
  } catch {
    return 0;
  }
}
