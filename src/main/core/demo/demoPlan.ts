export interface DemoCall {
  tool: string;
  arguments: Record<string, unknown>;
  /** What the demo expects: the summary compares. */
  expect: 'success' | 'tool_error' | 'blocked';
}

const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Kyoto', 'Lima', 'Toronto'];
const NOTES = ['welcome', 'todo', 'shopping'];

/**
 * A deterministic mix of calls for `switchboard demo`: mostly successes across several tools,
 * a tool error now and then, and blocked `delete_*` calls. Every plan of any length has at least
 * one blocked call (and one error from 3 calls up), so the monitor shows all three outcomes.
 */
export function demoPlan(calls: number): DemoCall[] {
  const plan: DemoCall[] = [];
  for (let i = 0; i < calls; i++) plan.push(callAt(i));
  if (calls >= 1 && !plan.some((c) => c.expect === 'blocked'))
    plan[calls - 1] = { tool: 'delete_note', arguments: { id: 'todo' }, expect: 'blocked' };
  if (calls >= 3 && !plan.some((c) => c.expect === 'tool_error'))
    plan[0] = { tool: 'fail_sometimes', arguments: { fail: true }, expect: 'tool_error' };
  return plan;
}

function callAt(i: number): DemoCall {
  const pick = <T>(list: readonly T[]): T => list[i % list.length] as T;
  switch (i % 10) {
    case 0:
      return { tool: 'echo', arguments: { text: `hello #${i + 1}` }, expect: 'success' };
    case 1:
      return { tool: 'lookup_weather', arguments: { city: pick(CITIES) }, expect: 'success' };
    case 2:
      return { tool: 'add', arguments: { a: i, b: i * 2 }, expect: 'success' };
    case 3:
      return { tool: 'fail_sometimes', arguments: { fail: true }, expect: 'tool_error' };
    case 4:
      return { tool: 'read_note', arguments: { id: pick(NOTES) }, expect: 'success' };
    case 5:
      return { tool: 'delete_note', arguments: { id: pick(NOTES) }, expect: 'blocked' };
    case 6:
      return { tool: 'slow_task', arguments: { steps: 3 }, expect: 'success' };
    case 7:
      return { tool: 'read_note', arguments: { id: 'missing' }, expect: 'tool_error' };
    case 8:
      return { tool: 'lookup_weather', arguments: { city: pick(CITIES) }, expect: 'success' };
    default:
      return { tool: 'fail_sometimes', arguments: { fail: false }, expect: 'success' };
  }
}
