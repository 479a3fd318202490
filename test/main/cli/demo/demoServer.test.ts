import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoServer } from '../../../../src/main/cli/demo/demoServer';
import { demoPlan } from '../../../../src/main/core/demo/demoPlan';

let client: Client;

beforeEach(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createDemoServer('0.0.0-test').connect(serverSide);
  client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
});

afterEach(async () => {
  await client.close();
});

const textOf = (result: CallToolResult): string =>
  result.content[0]?.type === 'text' ? result.content[0].text : '';

describe('demo server (real SDK client and server, in-memory transport)', () => {
  it('lists the demo tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'add',
      'delete_note',
      'echo',
      'fail_sometimes',
      'lookup_weather',
      'read_note',
      'slow_task',
    ]);
  });

  it('answers canned results and errors on request', async () => {
    expect(
      textOf((await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } })) as CallToolResult),
    ).toBe('5');
    expect(
      textOf(
        (await client.callTool({ name: 'echo', arguments: { text: 'hi' } })) as CallToolResult,
      ),
    ).toBe('hi');
    const failed = (await client.callTool({
      name: 'fail_sometimes',
      arguments: { fail: true },
    })) as CallToolResult;
    expect(failed.isError).toBe(true);
    const missing = (await client.callTool({
      name: 'read_note',
      arguments: { id: 'nope' },
    })) as CallToolResult;
    expect(missing.isError).toBe(true);
  });

  it('slow_task sends progress notifications', async () => {
    const progress: number[] = [];
    const result = (await client.callTool(
      { name: 'slow_task', arguments: { steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    )) as CallToolResult;
    expect(progress).toEqual([1, 2, 3]);
    expect(textOf(result)).toBe('Finished 3 steps.');
  });

  it('every call of the demo plan is valid for the server; the expected errors are tool errors', async () => {
    for (const call of demoPlan(10)) {
      const result = (await client.callTool({
        name: call.tool,
        arguments: call.arguments,
      })) as CallToolResult;
      // Without the proxy nothing is blocked: a "blocked" call succeeds here.
      expect(result.isError === true).toBe(call.expect === 'tool_error');
    }
  });
});
