/**
 * The vendor formats this tool reads and writes, in the order content
 * detection tries them and menus and help list them. Everything that names
 * the vendors (format ids, export targets, the command line's help and file
 * patterns, the designer's Import and Export menus) reads this list.
 *
 * Adding a vendor: its folder src/core/formats/<id>/ (an index.ts whose
 * default export is its `VendorFormat`) and one line here.
 */
import amazonConnect from './amazon-connect/index.ts';
import genesysArchitect from './genesys-architect/index.ts';
import twilioStudio from './twilio-studio/index.ts';
import type { VendorFormat } from './types.ts';

export const VENDOR_FORMATS = [twilioStudio, amazonConnect, genesysArchitect] as const satisfies readonly VendorFormat[];

/** A vendor format's id: `twilio-studio`, `amazon-connect`, … */
export type VendorFormatId = (typeof VENDOR_FORMATS)[number]['id'];

/** The formats a file can be in. `native` is Zero Out's own `.ivr.json`. */
export type FlowFormatId = 'native' | VendorFormatId;
