/** Reading a definition's `states` into widgets: damage it cannot carry on from is a problem, the rest a note. */
import { isObject, type Json } from '../json.ts';
import type { StudioImport, Transition, Widget } from './context.ts';

/** Reads the states; widget-level damage it cannot carry on from is a problem. */
export function readStates(read: StudioImport, states: unknown): void {
  const pointer = `${read.base}/states`;
  if (!Array.isArray(states)) {
    read.problem(pointer, states === undefined ? 'a Studio flow needs "states": a list of widgets' : '"states" must be a list of widgets');
    return;
  }
  if (states.length === 0) {
    read.problem(pointer, 'a Studio flow needs at least one widget');
    return;
  }
  states.forEach((state: unknown, index) => {
    const at = `${pointer}/${index}`;
    if (!isObject(state)) {
      read.problem(at, 'a widget must be an object with "name", "type", "transitions" and "properties"');
      return;
    }
    const name = state.name;
    if (typeof name !== 'string' || name === '') {
      read.problem(`${at}/name`, name === undefined ? 'a widget needs a "name"' : 'a widget\'s "name" must be a non-empty string');
      return;
    }
    const seen = read.byName.get(name);
    if (seen !== undefined) {
      read.problem(`${at}/name`, `duplicate widget name ${JSON.stringify(name)} (first used at ${seen.pointer}/name)`);
      return;
    }
    let type = state.type;
    if (typeof type !== 'string' || type === '') {
      read.note(`${at}/type`, `widget ${JSON.stringify(name)} has no "type"; it is imported as an opaque step`, name);
      type = 'unknown';
    }
    let properties = state.properties;
    if (properties === undefined) {
      properties = {};
    } else if (!isObject(properties)) {
      read.note(`${at}/properties`, `widget ${JSON.stringify(name)}: "properties" is not an object and is ignored`, name);
      properties = {};
    }
    const widget: Widget = {
      index,
      name,
      type: type as string,
      pointer: at,
      transitions: readTransitions(read, state.transitions, `${at}/transitions`, name),
      properties: properties as Json,
      raw: state
    };
    read.widgets.push(widget);
    read.byName.set(name, widget);
  });
}

/** A widget's transitions; one without an event name is noted and passed over. */
export function readTransitions(read: StudioImport, value: unknown, pointer: string, name: string): Transition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    read.note(pointer, `widget ${JSON.stringify(name)}: "transitions" is not a list; the widget is taken to have no exits`, name);
    return [];
  }
  const transitions: Transition[] = [];
  value.forEach((transition: unknown, index) => {
    const at = `${pointer}/${index}`;
    if (!isObject(transition) || typeof transition.event !== 'string' || transition.event === '' || transition.event === '__proto__') {
      read.note(at, `widget ${JSON.stringify(name)}: a transition needs an "event" name; this one is ignored`, name);
      return;
    }
    let next: string | undefined;
    if (typeof transition.next === 'string' && transition.next !== '') {
      next = transition.next;
    } else if (transition.next !== undefined && transition.next !== '' && transition.next !== null) {
      read.note(`${at}/next`, `widget ${JSON.stringify(name)}: "next" of ${transition.event} is not a widget name; the exit is taken as unwired`, name);
    }
    transitions.push({ event: transition.event, next, conditions: transition.conditions, index, pointer: at });
  });
  return transitions;
}
