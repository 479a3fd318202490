// `fs` for the conformance bundle on Node 20 (see node20.mjs): everything Node has, plus globSync.
export * from 'node:fs';
export { default } from 'node:fs';

export function globSync() {
  throw new Error(
    'fs.globSync needs Node 22: the conformance suite uses it only for tier-check, which Switchboard does not run.',
  );
}
