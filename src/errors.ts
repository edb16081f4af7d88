/** Documented exit codes of the CLI and the action (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  regression: 1,
  invalidInput: 2,
  serverOrLoadFailed: 3,
  internal: 4,
  baselineStore: 5,
  interrupted: 130,
} as const;

/** Bad input from the user (arguments, config, files): exit 2, nothing measured or written. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
