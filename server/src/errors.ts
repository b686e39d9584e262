// One error class for every refusal hallq gives, with a code from a closed list. The error
// handler maps each code to its HTTP status; browsers show the message in the user's language.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CURRENT_TICKET_CALLED: 409,
  COUNTER_NOT_OPEN: 409,
  COUNTER_TAKEN: 409,
  CLERK_AT_OTHER_COUNTER: 409,
  NOT_ELIGIBLE: 409,
  ISSUING_CLOSED: 409,
  QUOTA_REACHED: 409,
  SLOT_FULL: 409,
  SLOT_UNAVAILABLE: 409,
  NOT_BOOKABLE: 409,
  DUPLICATE_BOOKING: 409,
  TOO_MANY_BOOKINGS: 409,
  BOOKING_BLOCKED: 409,
  // a booking's phone confirmation (issue 16, finding 5)
  CONFIRMATION_CODE_WRONG: 409,
  CONFIRMATION_LOCKED: 409,
  CONFIRMATION_EXPIRED: 409,
  CHECK_IN_DEVICE_REQUIRED: 403,
  TOO_LATE_TO_CANCEL: 409,
  CHECK_IN_TOO_EARLY: 409,
  CHECK_IN_TOO_LATE: 409,
  ALREADY_CHECKED_IN: 409,
  ALREADY_RATED: 409,
  RATING_CLOSED: 409,
  NOT_FINISHED: 409,
  NO_CONTACT: 409,
  ALREADY_EXISTS: 409,
  NOT_ENOUGH_HISTORY: 409,
  /** A booking or reschedule into a year whose holiday arrangement is not yet confirmed. */
  CALENDAR_NOT_CONFIRMED: 409,
  /** A year's holiday notice does not check out (details: the problems). */
  CALENDAR_INCONSISTENT: 409,
  /** Walk-in issuing outside the hall's hours (details: nextOpening). */
  HALL_CLOSED: 409,
  /** No counter serves this matter: a ticket would lead nowhere. */
  MATTER_UNSERVED: 409,
  /** A ticket at the 办不成事 window is finished only with the clerk's summary. */
  SUMMARY_REQUIRED: 409,
  /** 请工作人员协助 pressed again at the same kiosk within the limit (details: retryAfterSeconds). */
  HELP_ALREADY_REQUESTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    /** Seconds, for 429 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
export const invalidTransition = (message: string) => new AppError('INVALID_TRANSITION', message);
