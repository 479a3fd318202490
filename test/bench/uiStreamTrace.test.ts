import { describe, expect, it } from 'vitest';
import { taskCpuOf } from './uiStreamTrace';

const main = { pid: 1, tid: 1 };
const task = (dur: number, tdur: number, where = main) => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  ...where,
  dur: dur * 1000,
  tdur: tdur * 1000,
});

describe('taskCpuOf', () => {
  it("tells a page's long tasks from descheduled ones, on its renderer main thread only", () => {
    const trace = {
      traceEvents: [
        { name: 'thread_name', ph: 'M', ...main, args: { name: 'CrRendererMain' } },
        { name: 'thread_name', ph: 'M', pid: 2, tid: 5, args: { name: 'CrBrowserMain' } },
        task(90, 12), // 12 ms of work, the rest waiting for a core
        task(70, 65),
        task(5, 4),
        task(200, 180, { pid: 2, tid: 5 }), // the browser process, not the page
      ],
    };
    expect(taskCpuOf(JSON.stringify(trace))).toEqual({
      long_tasks_wall: 2,
      long_tasks_cpu: 1,
      longest_task_cpu_ms: 65,
    });
  });
});
