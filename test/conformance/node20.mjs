// Lets the conformance CLI (built for Node 22) run its server scenarios on Node 20: its bundle
// imports `globSync` from `fs`, which Node 20 lacks and which only its `tier-check` command uses.
// Loaded with `node --import`; the hook gives that one bundle an `fs` with a globSync that says so.
import { register } from 'node:module';

register('./node20Hooks.mjs', import.meta.url);
