// Module resolve hook (see node20.mjs): `fs` imported by the conformance bundle -> node20Fs.mjs.
const shim = new URL('./node20Fs.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (
    (specifier === 'fs' || specifier === 'node:fs') &&
    context.parentURL?.includes('/node_modules/@modelcontextprotocol/conformance/')
  )
    return { url: shim, shortCircuit: true };
  return next(specifier, context);
}
