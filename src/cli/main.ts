import { describeError, exitCodeFor, InputError } from '../errors.ts';
import { TOOL_VERSION } from '../version.ts';
import { didYouMean } from '../config/did-you-mean.ts';
import { maskSecrets } from '../secrets.ts';
import type { CliIO } from './io.ts';
import { commentCommand } from './comment-command.ts';
import { compareCommand } from './compare-command.ts';
import { baselinesCommand } from './baselines-command.ts';
import { recordCommand, runCommand } from './run-command.ts';

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; run: Command }> = {
  run: {
    summary: 'start the server, run the workloads, compare with the baseline, report',
    run: runCommand,
  },
  record: {
    summary: 'run the workloads and store the results as the new baseline',
    run: recordCommand,
  },
  baselines: { summary: 'list or prune the stored baselines', run: baselinesCommand },
  compare: { summary: 'compare two results records and say what got slower', run: compareCommand },
  comment: {
    summary: "post the action's PR comment from a file (fork-safe second stage)",
    run: (argv, io) => commentCommand(argv, io),
  },
};

/** Top-level help, listing every command. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`,
  );
  return `perfgate ${TOOL_VERSION}: gate changes on HTTP performance

Usage: perfgate <command> [options]

Commands:
${lines.join('\n')}

Run "perfgate <command> --help" for a command's options.

Exit codes:
  0    done, no regression
  1    a regression the statistics stand behind (the gate fails)
  2    invalid input: arguments, config file, results files (nothing was run or written)
  3    the server or the load failed (the reason and the server's last output are printed)
  4    internal error (a bug: please report it with the output)
  5    the baseline store failed (git fetch or push refused, folder not writable); the
       run's own numbers were still reported
  130  interrupted by SIGINT (143 by SIGTERM); every server started was stopped`;
}

/** The same streams with every {{env.NAME}} value masked (secrets.ts). */
function maskedIO(io: CliIO): CliIO {
  const wrap = (s: CliIO['out']): CliIO['out'] => ({
    write: (text) => s.write(maskSecrets(text)),
    isTTY: s.isTTY,
  });
  return { out: wrap(io.out), err: wrap(io.err), signal: io.signal };
}

/** Runs the CLI with its arguments; returns the exit code and never throws. */
export async function main(argv: string[], rawIO: CliIO): Promise<number> {
  const io = maskedIO(rawIO);
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out.write(`${mainHelp()}\n`);
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version') {
      io.out.write(`${TOOL_VERSION}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) {
      const guess = didYouMean(name, Object.keys(COMMANDS));
      throw new InputError(
        `unknown command "${name}"; expected one of: ${Object.keys(COMMANDS).join(', ')}${guess ? `; did you mean "${guess}"?` : ''} See "perfgate --help".`,
      );
    }
    return await command.run(rest, io);
  } catch (err) {
    const code = exitCodeFor(err);
    io.err.write(`\nperfgate: ${describeError(err)}\n`);
    if (code === 4 && err instanceof Error && err.stack) io.err.write(`${err.stack}\n`);
    return code;
  }
}
