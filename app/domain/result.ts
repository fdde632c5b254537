/**
 * The one shape of an outcome that can fail in an expected way. A failure carries a message a
 * merchant or supplier can act on (shown as is), optionally a machine-readable code and, for
 * forms, errors by field name ("" for the form as a whole).
 */
export interface Failure {
  readonly message: string;
  readonly code?: string;
  readonly fieldErrors?: Readonly<Record<string, string>>;
}

/** Either the value of a use case or why it could not be had. */
export type Result<T, F = Failure> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

/** A successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** A failed result. */
export function fail<F>(failure: F): { readonly ok: false; readonly failure: F } {
  return { ok: false, failure };
}

/** A failure with just a message. */
export function failure(message: string, code?: string): Failure {
  return code === undefined ? { message } : { message, code };
}

/** A failure answered with an HTTP status (the supplier portal and API, pushed carrier events). */
export interface Refusal extends Failure {
  readonly status: number;
}

/** A refusal with its HTTP status and the message the sender sees. */
export function refusal(status: number, message: string): Refusal {
  return { status, message };
}

/** A form's failure: errors by field name ("" for the form as a whole); the message joins them. */
export interface FormFailure extends Failure {
  readonly fieldErrors: Readonly<Record<string, string>>;
}

/** The failure of a form with these field errors. */
export function formFailure(fieldErrors: Readonly<Record<string, string>>): FormFailure {
  return { message: Object.values(fieldErrors).join(" "), fieldErrors };
}
