/** Native variables and values as Connect writes them: JSONPath references, attribute keys and text. */

/** A native variable as a Connect JSONPath reference. */
export function reference(variable: string): string {
  if (variable.startsWith('$.')) return variable;
  if (variable === 'caller.ani' || variable === 'caller.number') return '$.CustomerEndpoint.Address';
  if (variable === 'caller.dnis') return '$.SystemEndpoint.Address';
  return `$.Attributes.${variable.replace(/^(flow|vars?)\./, '')}`;
}

/** A native variable as the key of a contact attribute. */
export function attributeKey(variable: string): string {
  return variable.replace(/^\$\.Attributes\./, '').replace(/^\$\./, '');
}

/** A value as Connect text. */
export function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
