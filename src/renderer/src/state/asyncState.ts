/** The load state every view shows in words: loading, ready, or an error a person can act on. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
