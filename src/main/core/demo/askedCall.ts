/**
 * `switchboard demo --ask`: one call that an `ask` rule holds until a person decides (SPEC 10), so
 * a fresh install shows an approval in the UI, the tray and `switchboard approvals list`.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { PolicyRule } from '../../../shared/servers';
import type { DemoApi } from './demoApi';

export const DEMO_ASK_TEXT = 'May I?';

/** Matches only the demo's own asked call, so the plan's other echo calls are never held. */
export const DEMO_ASK_POLICY: PolicyRule = {
  id: 'demo-ask',
  effect: 'ask',
  server: 'demo',
  tool: 'echo',
  arguments: { text: DEMO_ASK_TEXT },
  reason: 'The demo asks you (switchboard demo --ask)',
};

export async function ensureDemoAskPolicy(api: DemoApi): Promise<void> {
  const rules = await api.getPolicies();
  if (rules.some((rule) => rule.id === DEMO_ASK_POLICY.id)) return;
  await api.setPolicies([DEMO_ASK_POLICY, ...rules]);
}

/** Waits for the decision; progress every 10 s keeps the client's request timeout from firing. */
export async function makeAskedCall(client: Client): Promise<string> {
  const result = (await client.callTool(
    { name: 'demo__echo', arguments: { text: DEMO_ASK_TEXT } },
    undefined,
    { onprogress: () => undefined, resetTimeoutOnProgress: true },
  )) as CallToolResult;
  const first = result.content[0];
  const text = first?.type === 'text' ? first.text : '';
  return result.isError === true ? text : `allowed (${text})`;
}
