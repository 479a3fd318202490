/**
 * Server scenarios that fail through Switchboard, each with the reason. The runner fails when a
 * scenario listed here passes (remove it) or one not listed fails.
 */
export const EXPECTED_FAILURES: Readonly<Record<string, string>> = {
  'tools-call-sampling':
    'sampling is not advertised upstream: Switchboard has no model, and one upstream connection serves many agents (docs/FORWARDING.md)',
};
