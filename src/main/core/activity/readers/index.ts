/** Reads of the activity log off the call path: a reader pool, or one reader inline. */
export { createInlineReads } from './activityReads';
export type { ActivityReads } from './activityReads';
export { createReaderPool, READER_EXITED } from './readerPool';
export type { ReaderPoolOptions } from './readerPool';
export { SLOW_READ_MS } from './slowQueries';
export { READER_NICE, READER_THREAD_NAME } from './readerThread';
export { createYieldToCalls, DEFAULT_YIELD_TO_CALLS } from './yieldToCalls';
export type { YieldToCalls, YieldToCallsOptions } from './yieldToCalls';
