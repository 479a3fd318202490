/** How Switchboard names itself to upstream servers (client) and to agents (server). */
export const SWITCHBOARD_IMPLEMENTATION = { name: 'switchboard', version: '0.1.0' } as const;
