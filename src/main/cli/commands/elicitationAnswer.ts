/**
 * `switchboard approvals answer ID --accept [JSON] | --decline | --cancel`: the answer to an
 * upstream's elicitation (SPEC 10). JSON is the form's content (`'{"name": "Ada"}'`); a URL-mode
 * request is accepted with a bare `--accept`.
 */
import type { ElicitationAnswer, ElicitationContent } from '../../../shared/elicitation';
import { UsageError } from '../cliErrors';

export interface AnswerOptions {
  accept?: string | true;
  decline?: boolean;
  cancel?: boolean;
}

export function elicitationAnswerOf(options: AnswerOptions): ElicitationAnswer {
  const given = [options.accept !== undefined, options.decline === true, options.cancel === true];
  if (given.filter(Boolean).length !== 1)
    throw new UsageError(
      'approvals answer: give exactly one of --accept [JSON], --decline, --cancel',
    );
  if (options.decline === true) return { action: 'decline' };
  if (options.cancel === true) return { action: 'cancel' };
  if (options.accept === true) return { action: 'accept', content: {} };
  let content: unknown;
  try {
    content = JSON.parse(options.accept ?? '{}');
  } catch (error) {
    throw new UsageError(
      `--accept: expected the content as a JSON object (${(error as Error).message})`,
    );
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    throw new UsageError(
      '--accept: expected the content as a JSON object, e.g. \'{"name": "Ada"}\'',
    );
  return { action: 'accept', content: content as ElicitationContent };
}
