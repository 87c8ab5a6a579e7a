/** Native variables and values as Studio writes them: Liquid references and text. */

/** The native variable names a condition or parameter refers to, as Liquid. */
export function liquidVariable(name: string): string {
  if (name === 'caller.ani') return 'trigger.call.From';
  if (name === 'caller.dnis') return 'trigger.call.To';
  if (/^(widgets|flow|trigger|contact)\./.test(name)) return name;
  return `flow.variables.${name}`;
}

/** `flow.variables.x` → `x`: Studio keys are names under flow.variables. */
export function variableKey(name: string): string {
  return name.startsWith('flow.variables.') ? name.slice('flow.variables.'.length) : name;
}

/** A value as Studio text (a list as `a, b`). */
export function scalarString(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => scalarString(v)).join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}
