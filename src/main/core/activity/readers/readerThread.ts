/**
 * What a reader worker does to its own OS thread at start (backgroundThread.ts): on Linux the
 * name `swb-reader` and a lower CPU priority, so the reads take what the call path leaves.
 */
import { setUpBackgroundThread, type BackgroundThreadSetup } from '../../backgroundThread';

export const READER_THREAD_NAME = 'swb-reader';

/**
 * The readers' nice value. The highest: reads are never what a user waits for while calls run,
 * and a thread at nice 19 still gets every cycle nothing else wants (see docs/READERS.md).
 */
export const READER_NICE = 19;

export type ReaderThreadSetup = BackgroundThreadSetup;

/** Throws a RangeError naming the value unless it is a nice value (an integer, -20 to 19). */
export function checkReaderNice(nice: number): void {
  if (!Number.isInteger(nice) || nice < -20 || nice > 19)
    throw new RangeError(`reader nice value: expected an integer from -20 to 19, got ${nice}`);
}

/** Names the calling thread and raises its nice value to `nice` (Linux only). */
export function setUpReaderThread(
  nice: number = READER_NICE,
  platform: NodeJS.Platform = process.platform,
): ReaderThreadSetup {
  checkReaderNice(nice);
  return setUpBackgroundThread(READER_THREAD_NAME, nice, platform);
}
