/**
 * The UI under a live stream (issue "Prove it", item 5): the Activity view open in Chromium while
 * agents make ~1,000 calls/s for `seconds`. Reports long tasks (PerformanceObserver 'longtask'),
 * whether the list kept up (the table's `data-total` against the server's count), and the JS heap
 * after a full GC at the start and end of the stream (flat means nothing is retained per record
 * seen; without the GC the end figure is mostly garbage not yet collected).
 */
import { chromium } from 'playwright-core';
import { everythingStdioEntry } from '../support/mcpServers';
import { startServe } from '../support/serveProcess';
import { round } from './stats';
import { connectLoadAgent } from './uiStreamLoad';
import { taskCpuOf } from './uiStreamTrace';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../support/chromium';

export interface UiStreamBenchOptions {
  seconds?: number;
  callsPerSecond?: number;
  sessions?: number;
}

export interface UiStreamBenchResult {
  seconds: number;
  target_calls_per_s: number;
  achieved_calls_per_s: number;
  long_tasks: number;
  longest_task_ms: number;
  /** Of the long tasks, those with over 50 ms of the page's own CPU time (the rest waited). */
  long_tasks_cpu: number;
  longest_task_cpu_ms: number;
  server_total: number;
  ui_total: number;
  ui_caught_up_ms: number;
  heap_start_mb: number;
  heap_end_mb: number;
}

// Memory figures need the precise API; the rest as every browser run here.
const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];

export async function runUiStreamBench(
  options: UiStreamBenchOptions = {},
): Promise<UiStreamBenchResult> {
  const seconds = options.seconds ?? 30;
  const rate = options.callsPerSecond ?? 1000;
  // Enough that a slow moment of the proxy (p99 ~100 ms on a busy machine) does not cap the rate.
  const sessions = options.sessions ?? 16;
  const serve = await startServe({
    config: { mcpServers: { everything: everythingStdioEntry() } },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: BENCH_CHROMIUM_ARGS,
  });
  try {
    const token = await serve.createToken('ui-bench');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Browser-side code as source text: it runs in the page, not under this file's Node types.
    await page.addInitScript({
      content: `window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });`,
    });
    await page.goto(serve.uiUrl);
    await page.waitForSelector('[data-app-state="ready"]');
    await page.goto(`${serve.baseUrl}/#/activity`);
    await page.waitForSelector('[data-app-state="ready"]');
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return page.evaluate('performance.memory.usedJSHeapSize');
    };
    // Long tasks of loading the page are not the stream's: count from here.
    await page.evaluate('window.__longTasks = []');
    const heapStart = await heap();
    await browser.startTracing(page, { categories: ['toplevel'] });

    const agents = await Promise.all(
      Array.from({ length: sessions }, (_, i) =>
        connectLoadAgent(serve.mcpUrl, token, `ui-bench-${i}`),
      ),
    );
    const perSessionInterval = (1000 * sessions) / rate;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let calls = 0;
    await Promise.all(
      agents.map(async (agent, i) => {
        let next = started + (i * perSessionInterval) / sessions;
        while (performance.now() < deadline) {
          await agent.callTool({ name: 'everything__echo', arguments: { message: `ui-${calls}` } });
          calls++;
          next += perSessionInterval;
          const wait = next - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    await Promise.all(agents.map((agent) => agent.close()));

    const serverTotal = await serve.waitForTotal('type=tool_call', calls);
    const caughtUpStart = performance.now();
    // Polled from here: waitForFunction re-evaluates its predicate with eval in the page, which
    // the UI's CSP (no 'unsafe-eval') refuses whenever the list is not caught up at once.
    while (Number(await page.getAttribute('[data-total]', 'data-total')) < serverTotal) {
      if (performance.now() - caughtUpStart > 30_000) {
        throw new Error(`the list did not reach the server's ${serverTotal} records in 30 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const caughtUpMs = performance.now() - caughtUpStart;
    const taskCpu = taskCpuOf(await browser.stopTracing());
    const uiTotal = Number(await page.getAttribute('[data-total]', 'data-total'));
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    const heapEnd = await heap();
    return {
      seconds,
      target_calls_per_s: rate,
      achieved_calls_per_s: Math.round(calls / elapsed),
      long_tasks: longTasks.filter((d) => d > 50).length,
      longest_task_ms: round(Math.max(0, ...longTasks), 1),
      long_tasks_cpu: taskCpu.long_tasks_cpu,
      longest_task_cpu_ms: taskCpu.longest_task_cpu_ms,
      server_total: serverTotal,
      ui_total: uiTotal,
      ui_caught_up_ms: round(caughtUpMs, 0),
      heap_start_mb: round(heapStart / 2 ** 20, 1),
      heap_end_mb: round(heapEnd / 2 ** 20, 1),
    };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runUiStreamBench({ seconds: Number(process.env.SECONDS ?? 30) }).then((result) =>
    console.log(JSON.stringify(result, null, 2)),
  );
}
