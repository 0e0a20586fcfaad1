/** Every error code the platform answers with. Add codes here, never ad-hoc strings. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'invalid_encoding'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_invalid'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'locked'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_encoding: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  locked: 423,
  internal: 500,
};

/**
 * The one error type. Services throw it; the error handler turns it into an HTML page or
 * `{ "error": { "code", "message" } }`. Messages are shown to users, so they are in Vietnamese.
 *
 * @example
 * throw new AppError('not_found', 'Không tìm thấy hướng dẫn này.');
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    opts: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.status = opts.status ?? STATUS[code];
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}
