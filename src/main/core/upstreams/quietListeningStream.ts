/**
 * The GET listening stream of a Streamable HTTP upstream carries only what the server pushes
 * (list_changed, logs), so an idle server may send nothing for hours. Node's fetch (undici) ends
 * a body that receives nothing for its body timeout (300 s by default) with `TypeError:
 * terminated`, which the SDK reports as "SSE stream disconnected" and which looked like a lost
 * connection. Here that one case ends the stream as a server would close it: the SDK then
 * reopens the listening stream on the same session (a GET stream is resumable), and nothing is
 * torn down. Any other failure still errors the stream, and a server that is really gone fails
 * the reopen, which is reported as before.
 */

const BODY_TIMEOUT_CODE = 'UND_ERR_BODY_TIMEOUT';

export function isBodyTimeout(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === BODY_TIMEOUT_CODE;
}

/** `body`, except that a body timeout closes it instead of erroring it. */
export function endQuietlyOnBodyTimeout(
  body: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (isBodyTimeout(error)) controller.close();
        else controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
