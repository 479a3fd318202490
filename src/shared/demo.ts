/** What `switchboard demo` and the empty Activity view's "Run demo" report (POST /api/v1/demo). */
export interface DemoSummary {
  calls: number;
  success: number;
  tool_error: number;
  blocked: number;
  rpc_error: number;
  by_tool: Record<string, number>;
  duration_ms: number;
  /** With `ask`: how the asked call ended. */
  asked?: string;
}
