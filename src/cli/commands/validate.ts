/** `faasim validate FILE [--kind scenario|price-sheet]`: a scenario or price sheet checked, nothing run. Exit 0 "valid", or 2 with each problem's line and column. */
import type { Command } from 'commander';
import { inputError, InputError } from '../../errors.js';
import { escapeInline } from '../../util/escape.js';
import { formatProblem, validateFile, type FileKind } from '../../validate.js';

export function registerValidate(program: Command, out: (text: string) => void): void {
  program
    .command('validate')
    .description('check a scenario file or a price sheet against its schema without running anything')
    .argument('<file>', 'a scenario (scenarios/*.json) or a price sheet (pricing/<provider>.json)')
    .option('--kind <kind>', 'scenario or price-sheet (default: recognised by content; a price sheet names its provider, currency and regions)')
    .action((file: string, flags: { kind?: string }) => {
      const kind = flags.kind;
      if (kind !== undefined && kind !== 'scenario' && kind !== 'price-sheet') throw inputError('BAD_FLAG', `--kind "${escapeInline(kind)}" must be scenario or price-sheet`);
      const v = validateFile(file, kind as FileKind | undefined);
      if (v.problems.length > 0) {
        // the CLI prints each as `faasim: FILE:LINE:COLUMN: path: message` and exits 2
        throw new InputError(v.problems.map((p) => ({ code: 'INVALID', message: formatProblem(file, p), where: {} })));
      }
      out(`${escapeInline(file)}: valid ${v.kind === 'price-sheet' ? `price sheet (${v.provider})` : 'scenario'}\n`);
    });
}
