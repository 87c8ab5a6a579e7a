/** `zeroout schema`: prints the JSON Schema of the native flow format, for editors and validators. */
import type { Command } from 'commander';
import { flowJsonSchemaText } from '../../core/model/index.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../errors.ts';

export function registerSchema(program: Command, context: CommandContext): Command {
  return program
    .command('schema')
    .description('print the JSON Schema of the flow format (flows/flow.schema.json)')
    .action(() => {
      context.io.stdout.write(flowJsonSchemaText());
      context.exitCode = EXIT_OK;
    });
}
