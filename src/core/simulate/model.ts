/**
 * The traffic model, as data: who calls and what they want, how they behave
 * at menus, how long they are willing to stay, how queues and the world
 * behave. Every field has a default, so `{}` is a model.
 */
import { z } from 'zod';
import type { Problem } from '../model/load.ts';
import { issueToProblem } from '../json/issues.ts';

const Share = z.number().min(0).max(1);
const Seconds = z.number().min(0);

export const TrafficModelSchema = z.strictObject({
  intents: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        share: z.number().min(0).meta({ description: 'Relative weight of this kind of caller.' }),
        choices: z
          .record(z.string(), z.string())
          .optional()
          .meta({ description: 'Menu node id → the key (or phrase) this caller wants there.' })
      })
    )
    .optional()
    .meta({ description: 'Kinds of caller; at a menu without a choice for it, a caller picks one of the options at random.' }),
  silence: Share.optional().meta({ description: 'Chance a caller says nothing at a menu or input (default 0.05).' }),
  wrongKey: Share.optional().meta({ description: 'Chance of a wrong key at a menu, or a bad entry at an input (default 0.05).' }),
  zeroOutWhenLost: Share.optional().meta({
    description: 'Chance a caller presses 0 at a menu after a retry, when the menu has a 0 (default 0.5).'
  }),
  patienceSeconds: Seconds.optional().meta({ description: 'Mean caller time in the menus before hanging up, exponential (default 300).' }),
  queuePatienceSeconds: Seconds.optional().meta({ description: 'Mean time a caller will wait in a queue, exponential (default 240).' }),
  defaultWaitSeconds: Seconds.optional().meta({ description: 'Mean queue wait where a queue sets no expected wait (default 60).' }),
  openShare: Share.optional().meta({ description: 'Share of calls placed during opening hours (default 0.75).' }),
  outcomes: z
    .record(z.string(), z.record(z.string(), Share))
    .optional()
    .meta({ description: 'Node id → outcome → probability, for steps the world decides (a lookup fails, a transfer is not answered).' })
});

export type TrafficModel = z.infer<typeof TrafficModelSchema>;

export interface ResolvedModel {
  readonly intents: readonly { readonly name: string; readonly weight: number; readonly choices: Readonly<Record<string, string>> }[];
  readonly silence: number;
  readonly wrongKey: number;
  readonly zeroOutWhenLost: number;
  readonly patienceSeconds: number;
  readonly queuePatienceSeconds: number;
  readonly defaultWaitSeconds: number;
  readonly openShare: number;
  readonly outcomes: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function resolveModel(model: TrafficModel = {}): ResolvedModel {
  const intents = (model.intents ?? []).filter((i) => i.share > 0);
  return {
    intents: intents.length > 0 ? intents.map((i) => ({ name: i.name, weight: i.share, choices: i.choices ?? {} })) : [{ name: 'caller', weight: 1, choices: {} }],
    silence: model.silence ?? 0.05,
    wrongKey: model.wrongKey ?? 0.05,
    zeroOutWhenLost: model.zeroOutWhenLost ?? 0.5,
    patienceSeconds: model.patienceSeconds ?? 300,
    queuePatienceSeconds: model.queuePatienceSeconds ?? 240,
    defaultWaitSeconds: model.defaultWaitSeconds ?? 60,
    openShare: model.openShare ?? 0.75,
    outcomes: model.outcomes ?? {}
  };
}

/** A model file's content, or problems that name the file and the field. */
export function parseModel(document: unknown, file: string): { ok: true; model: TrafficModel } | { ok: false; problems: Problem[] } {
  const result = TrafficModelSchema.safeParse(document);
  if (result.success) return { ok: true, model: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => issueToProblem(issue, file, document))
  };
}
