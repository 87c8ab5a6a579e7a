/**
 * Validation that does not rebuild what it checks: a check-only function
 * compiled from a Zod schema, for data that is almost always valid (a flow
 * file as saved). Zod's parse returns a new copy of every object and array
 * it accepts, which for a 10,000-node flow costs more than reading the file;
 * this answers only whether the data is valid, allocating nothing as it
 * goes, so the data itself can be used as it is.
 *
 * It is conservative: it says yes only when the schema accepts the data
 * unchanged. Anything it does not know (a transform, a default, a coerced
 * string, a tuple with a rest) makes it say no, and the caller runs Zod,
 * which gives the answer and the problems, each at its place. Its string,
 * number, array and refinement checks are Zod's own, run as Zod runs them,
 * but for the plain kinds (lengths, floors, safe integers, patterns), which
 * it answers itself as Zod does.
 *
 * It holds the data to a file's limits as it goes (json/limits.ts), so a
 * valid file is walked once: data it says yes to, the limits scan would pass.
 */
import type { z } from 'zod';
import { MAX_DEPTH, MAX_STRING, scanDocument } from '../json/limits.ts';
import { hasPlainPrototype, prototypeHasFields } from '../json/plain.ts';

/**
 * Whether a value is valid and within a file's limits (json/limits.ts):
 * true only when the schema would accept it and give it back unchanged, and
 * it nests no object or array deeper than `maxDepth` (the value itself is
 * level 1; MAX_DEPTH unless told), holds no string or field name longer than
 * {@link MAX_STRING} and no field named `__proto__`. The limits scan would
 * find nothing in it: one walk does the work of two.
 */
export type Check = (value: unknown, maxDepth?: number) => boolean;

/** One schema node's check, on a value alone (the level it is at is kept aside). */
type NodeCheck = (value: unknown) => boolean;

/** The parts of Zod's internal definition this reads (Zod 4's `_zod.def`). */
interface Def {
  readonly type: string;
  readonly checks?: readonly Internal[];
  readonly shape?: Readonly<Record<string, Internal>>;
  readonly catchall?: Internal;
  readonly innerType?: Internal;
  readonly element?: Internal;
  readonly keyType?: Internal;
  readonly valueType?: Internal;
  readonly options?: readonly Internal[];
  readonly items?: readonly Internal[];
  readonly rest?: Internal | null;
  readonly coerce?: boolean;
  /** A tagged union's tag field. */
  readonly discriminator?: string;
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

interface Internal {
  readonly _zod: {
    readonly def: Def & { readonly check?: string; readonly when?: (payload: Payload) => boolean };
    readonly values?: ReadonlySet<unknown>;
    readonly check?: (payload: Payload) => void;
  };
}

const NEVER: NodeCheck = () => false;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a value is an object as JSON.parse makes one (see json/plain.ts):
 * while Object.prototype has no enumerable field (checked on every call of a
 * compiled check), its fields are read without asking if each is its own.
 */
const isPlain = (value: unknown): value is Record<string, unknown> => isRecord(value) && hasPlainPrototype(value);

/**
 * Zod's checks of a schema (a string's length and pattern, a number's range,
 * an array's length, a refinement), run as Zod runs them: each on the value,
 * into issues of its own. One payload is reused: nothing is kept.
 */
function checksOf(def: Def): NodeCheck | undefined {
  const checks = def.checks ?? [];
  if (checks.length === 0) return undefined;
  const run = checks.map((check) => check._zod.check);
  if (run.some((fn) => fn === undefined)) return NEVER;
  // The kinds a flow's schema uses are answered here, where Zod's own would fill an issue object to say no.
  const direct = checks.map(directCheck);
  if (direct.every((check) => check !== undefined)) {
    const all = direct as NodeCheck[];
    if (all.length === 1) return all[0];
    return (value) => {
      for (let i = 0; i < all.length; i++) if (!all[i]!(value)) return false;
      return true;
    };
  }
  return zodChecks(checks, run);
}

/**
 * Zod's check as a test on the value alone, for the kinds whose verdict is
 * plain: a length floor, a number's floor, a safe integer, a pattern. Each
 * runs after its schema's type check (a string or array, a number). A
 * string's length Zod counts in code points: where units alone cannot tell
 * (from the floor to twice it), Zod's own check decides.
 */
function directCheck(check: Internal): NodeCheck | undefined {
  const def = check._zod.def as Def & { readonly check?: string; readonly minimum?: unknown; readonly value?: unknown; readonly inclusive?: unknown; readonly format?: unknown; readonly pattern?: unknown };
  switch (def.check) {
    case 'min_length': {
      const minimum = def.minimum;
      if (typeof minimum !== 'number') return undefined;
      const exact = zodChecks([check], [check._zod.check]);
      return (value) => {
        const units = (value as { length: number }).length;
        if (units < minimum) return false;
        return units >= minimum * 2 || typeof value !== 'string' || exact(value);
      };
    }
    case 'greater_than': {
      const floor = def.value;
      if (typeof floor !== 'number') return undefined;
      return def.inclusive === true ? (value) => (value as number) >= floor : (value) => (value as number) > floor;
    }
    case 'number_format':
      return def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : undefined;
    case 'string_format': {
      const pattern = def.pattern;
      if (!(pattern instanceof RegExp) || def.format !== 'regex') return undefined;
      return (value) => {
        pattern.lastIndex = 0;
        return pattern.test(value as string);
      };
    }
    default:
      return undefined;
  }
}

/** Zod's checks of a schema, run as Zod runs them. */
function zodChecks(checks: readonly Internal[], run: readonly (((payload: Payload) => void) | undefined)[]): NodeCheck {
  const when = checks.map((check) => check._zod.def.when);
  const payload: Payload = { value: undefined, issues: [] };
  return (value) => {
    payload.value = value;
    if (payload.issues.length !== 0) payload.issues.length = 0;
    for (let i = 0; i < run.length; i++) {
      // A check with a condition runs only when Zod would run it.
      if (when[i] !== undefined && !when[i]!(payload)) continue;
      run[i]!(payload);
      if (payload.issues.length > 0 || payload.value !== value) return false;
    }
    return true;
  };
}

/** A schema's type check and its own checks together. */
function withChecks(def: Def, type: NodeCheck): NodeCheck {
  const checks = checksOf(def);
  return checks === undefined ? type : (value) => type(value) && checks(value);
}

/** A tagged union's options by the value of their tag; undefined when a tag is not one literal of one option. */
function tagged(options: readonly Internal[], key: string): Map<unknown, Internal> | undefined {
  const byTag = new Map<unknown, Internal>();
  for (const option of options) {
    const tag = option._zod.def.type === 'object' ? option._zod.def.shape?.[key] : undefined;
    const values = tag?._zod.def.type === 'literal' ? tag._zod.values : undefined;
    if (values === undefined) return undefined;
    for (const value of values) {
      if (byTag.has(value)) return undefined;
      byTag.set(value, option);
    }
  }
  return byTag;
}

/**
 * Compiles `schema` to a check (see {@link Check}); schemas seen before
 * (shared parts) share one. What the schema leaves open (`unknown`) is
 * scanned as the limits scan would.
 */
export function compileCheck(schema: z.ZodType): Check {
  const limits: Limits = { level: 0, maxDepth: MAX_DEPTH };
  const root = compileTree(schema, limits);
  return (value, maxDepth = MAX_DEPTH) => {
    if (prototypeHasFields()) return false;
    limits.level = 0;
    limits.maxDepth = maxDepth;
    return root(value);
  };
}

/** Where a limited check is: the level of the object or array it is in (0 outside the value), and the deepest allowed. */
interface Limits {
  level: number;
  maxDepth: number;
}

/** Fields found named `__proto__` by the scan of open values (only whether there is one matters). */
const protoFound: string[] = [];

/** Whether a value the schema leaves open, inside an object or array at `limits.level`, keeps to the limits. */
function openWithinLimits(value: unknown, limits: Limits): boolean {
  if (typeof value === 'string') return value.length <= MAX_STRING;
  if (typeof value !== 'object' || value === null) return true;
  protoFound.length = 0;
  return scanDocument(value, { level: limits.level, maxDepth: limits.maxDepth }, protoFound) === undefined && protoFound.length === 0;
}

/** A field name a limited check lets through: not too long, and not one that code could take for the prototype. */
const nameWithinLimits = (name: string): boolean => name.length <= MAX_STRING && name !== '__proto__';

function compileTree(schema: z.ZodType, limits: Limits): NodeCheck {
  const compiled = new Map<Internal, NodeCheck>();
  /** An object or array check, one level deeper. */
  const nested =
    (check: NodeCheck): NodeCheck =>
    (value) => {
      if (++limits.level > limits.maxDepth) {
        limits.level--;
        return false;
      }
      const ok = check(value);
      limits.level--;
      return ok;
    };
  const compile = (node: Internal): NodeCheck => {
    const known = compiled.get(node);
    if (known !== undefined) return known;
    // A schema that refers to itself is checked through this until it is compiled.
    let done: NodeCheck | undefined;
    compiled.set(node, (value) => done!(value));
    done = build(node);
    compiled.set(node, done);
    return done;
  };
  const build = (node: Internal): NodeCheck => {
    const def = node._zod.def;
    switch (def.type) {
      case 'string':
        if (def.coerce) return NEVER;
        // A string too long to read is refused before any pattern runs on it.
        return withChecks(def, (value) => typeof value === 'string' && value.length <= MAX_STRING);
      case 'number':
        return def.coerce ? NEVER : withChecks(def, (value) => typeof value === 'number' && Number.isFinite(value));
      case 'boolean':
        return def.coerce ? NEVER : withChecks(def, (value) => typeof value === 'boolean');
      case 'null':
        return (value) => value === null;
      case 'unknown':
        return (value) => openWithinLimits(value, limits);
      case 'never':
        return NEVER;
      case 'literal':
      case 'enum': {
        const values = node._zod.values;
        return values === undefined ? NEVER : withChecks(def, (value) => values.has(value));
      }
      case 'optional': {
        const inner = compile(def.innerType!);
        return (value) => value === undefined || inner(value);
      }
      case 'array': {
        const element = compile(def.element!);
        return withChecks(
          def,
          nested((value) => {
            if (!Array.isArray(value)) return false;
            for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
            return true;
          })
        );
      }
      case 'tuple': {
        if (def.rest !== undefined && def.rest !== null) return NEVER;
        const items = def.items!.map(compile);
        // Items that may be left out change what Zod gives back: only tuples of their full length are checked here.
        return withChecks(
          def,
          nested((value) => {
            if (!Array.isArray(value) || value.length !== items.length) return false;
            for (let i = 0; i < items.length; i++) if (!items[i]!(value[i])) return false;
            return true;
          })
        );
      }
      case 'record': {
        // A record keyed by an enum must have every key: Zod decides those.
        if (def.keyType!._zod.def.type !== 'string') return NEVER;
        const key = compile(def.keyType!);
        const item = compile(def.valueType!);
        return withChecks(
          def,
          nested((value) => {
            if (!isPlain(value)) return false;
            for (const name in value) {
              if (!nameWithinLimits(name) || !key(name) || !item(value[name])) return false;
            }
            return true;
          })
        );
      }
      case 'object': {
        const shape = def.shape!;
        const names = Object.keys(shape);
        // A field the shape may lack: only an `optional` one may be absent.
        const required = names.map((name) => shape[name]!._zod.def.type !== 'optional');
        // A field present and not undefined is checked by its inner type: the loop below deals with undefined.
        const fields = names.map((name, i) => compile(required[i] ? shape[name]! : shape[name]!._zod.def.innerType!));
        const strict = def.catchall !== undefined && def.catchall._zod.def.type === 'never';
        // A loose object keeps unknown fields only when it checks them (a catchall); one that strips them changes the data.
        if (!strict && def.catchall === undefined) return NEVER;
        const extra = strict ? undefined : compile(def.catchall!);
        const index = new Map(names.map((name, i) => [name, i]));
        const requiredCount = required.filter(Boolean).length;
        // One pass over the value's own fields (most of a shape's are optional and absent), counting the required ones met.
        let next = 0;
        return withChecks(def, nested((value) => {
          if (!isPlain(value)) return false;
          let met = 0;
          // Every field enumerated is the value's own (see isPlain and the check of Object.prototype).
          for (const name in value) {
            const field = value[name];
            // Fields usually come in the shape's order: the one after the last found is tried before the index.
            const i = names[next] === name ? next : index.get(name);
            if (i !== undefined) next = i + 1 < names.length ? i + 1 : 0;
            if (i === undefined) {
              if (extra === undefined || !nameWithinLimits(name) || !extra(field)) return false;
            } else if (field === undefined) {
              if (required[i]) return false;
            } else {
              if (!fields[i]!(field)) return false;
              if (required[i]) met++;
            }
          }
          return met === requiredCount;
        }));
      }
      case 'union': {
        const byTag = def.discriminator === undefined ? undefined : tagged(def.options!, def.discriminator);
        if (byTag !== undefined) {
          // A tagged union: the one option whose tag the value has (as Zod picks it).
          const checks = new Map([...byTag].map(([tag, option]) => [tag, compile(option)]));
          const key = def.discriminator!;
          return withChecks(def, (value) => {
            if (!isRecord(value) || !Object.hasOwn(value, key)) return false;
            const option = checks.get(value[key]);
            return option !== undefined && option(value);
          });
        }
        const options = def.options!.map(compile);
        return withChecks(def, (value) => {
          for (const option of options) if (option(value)) return true;
          return false;
        });
      }
      default:
        // A pipe, a transform, a default, a lazy schema…: Zod decides.
        return NEVER;
    }
  };
  return compile(schema as unknown as Internal);
}
