/** What of a listed tool is pinned, and its hash (SPEC 11: SHA-256 over RFC 8785 canonical JSON). */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../../../shared/toolPins';

/** The six pinned keys, absent ones left out so that "no title" and a missing key hash alike. */
export function toolDefinition(tool: Tool): ToolDefinition {
  const definition: ToolDefinition = {
    name: tool.name,
    inputSchema: tool.inputSchema as Record<string, unknown>,
  };
  if (tool.title !== undefined) definition.title = tool.title;
  if (tool.description !== undefined) definition.description = tool.description;
  if (tool.outputSchema !== undefined)
    definition.outputSchema = tool.outputSchema as Record<string, unknown>;
  if (tool.annotations !== undefined)
    definition.annotations = tool.annotations as Record<string, unknown>;
  return definition;
}

export function definitionSha256(definition: ToolDefinition): string {
  const canonical = canonicalize(definition) ?? 'null';
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * The tool as an agent sees it while a change waits for approval: the pinned definition's
 * description, title, schemas and annotations over the listed tool's other fields (icons, _meta).
 */
export function withPinnedDefinition(tool: Tool, pinned: ToolDefinition): Tool {
  const {
    title: _title,
    description: _description,
    inputSchema: _inputSchema,
    outputSchema: _outputSchema,
    annotations: _annotations,
    ...rest
  } = tool;
  return { ...rest, ...pinned, name: tool.name } as Tool;
}
