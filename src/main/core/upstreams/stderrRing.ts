/** Keeps the last bytes a stdio upstream wrote to stderr, for error messages (bounded memory). */
export class StderrRing {
  private chunks: string[] = [];
  private length = 0;

  constructor(private readonly capacity = 4096) {}

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.length > this.capacity && this.chunks.length > 1) {
      this.length -= this.chunks.shift()?.length ?? 0;
    }
    if (this.length > this.capacity) {
      const only = this.chunks.join('').slice(-this.capacity);
      this.chunks = [only];
      this.length = only.length;
    }
  }

  /** The last `maxChars` characters, trimmed, on one line per original line. */
  tail(maxChars = 500): string {
    return this.chunks.join('').slice(-maxChars).trim();
  }

  clear(): void {
    this.chunks = [];
    this.length = 0;
  }
}
