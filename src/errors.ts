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

/**
 * The base build could not be measured side by side (its checkout, build or server failed):
 * the gate then still measures and reports this build, and says what could not be compared.
 * `reason` is what failed, for the message and the exit code.
 */
export class BaseBuildError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'BaseBuildError';
  }
}
