/**
 * Where the CLI writes: stdout and stderr as functions, so that tests run it in-process and read
 * what it printed. Its own module because run.ts registers every command and each command takes an
 * io: with the type in run.ts, run.ts and the commands imported each other.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: commands may draw progress on it */
  errIsTty?: boolean;
  /** stdout is a terminal: table reports may be coloured (src/cli/view.ts) */
  outIsTty?: boolean;
  /** stderr as a stream, for the progress bar (src/cli/progress.ts) */
  errStream?: NodeJS.WritableStream;
  /** stdout as a stream, for commands that write more than fits in memory (generate waits for 'drain') */
  outStream?: NodeJS.WritableStream;
}
