export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };
export function findElectronBinary(env?: NodeJS.ProcessEnv, root?: string): ElectronBinary;
export function findDisplayProblem(
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): string | null;
export function electronUnavailableReason(env?: NodeJS.ProcessEnv): string | null;
