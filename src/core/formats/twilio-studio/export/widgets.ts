/** The Studio document as the export writes it: widgets ("states") and their transitions, and Studio's limits. */
import { isObject, type Json } from '../json.ts';

/** A Studio transition as written in a definition. */
export interface Transition {
  event: string;
  next?: string;
  conditions?: Json[];
}

/** A Studio widget (a "state") as written in a definition. */
export interface State {
  name: string;
  type: string;
  transitions: Transition[];
  properties: Json;
}

/** Studio's own limit on the number of widgets of a flow. */
export const MAX_STATES = 1000;

/** What the Console accepts as a widget name. */
export const WIDGET_NAME = /^[A-Za-z0-9_]+$/;

/** A raw Studio widget, as the importer keeps it in a node's `meta`. */
export type KeptWidget = Json & { name: string; type: string; transitions: unknown[] };

/** A raw Studio widget kept by the importer. */
export function isStudioWidget(value: unknown): value is KeptWidget {
  return isObject(value) && typeof value.name === 'string' && value.name !== '' && typeof value.type === 'string' && Array.isArray(value.transitions);
}

/** A transition for `event`, unwired when `next` is undefined. */
export function transition(event: string, next: string | undefined): Transition {
  return next === undefined ? { event } : { event, next };
}
