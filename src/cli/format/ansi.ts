/** Minimal ANSI styling; every function is the identity when colour is off. */

export interface Style {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly underline: (text: string) => string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24)
};

const same = (text: string): string => text;
const PLAIN: Style = { red: same, yellow: same, cyan: same, dim: same, bold: same, underline: same };

export function styleFor(color: boolean): Style {
  return color ? COLOR : PLAIN;
}
