/**
 * The real vendor flows the tests read: test/corpus/<vendor>/, verbatim
 * copies of public flows with their origin and licences in
 * test/corpus/SOURCES.md. Every test reaches them through here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusVendor = 'twilio-studio' | 'amazon-connect' | 'genesys';

/** The corpus folder, or a vendor's folder, or a file in it. */
export function corpusPath(vendor?: CorpusVendor, file?: string): string {
  const root = fileURLToPath(new URL('../corpus', import.meta.url));
  if (vendor === undefined) return root;
  return file === undefined ? path.join(root, vendor) : path.join(root, vendor, file);
}

/** The file names of a vendor's flows, sorted. */
export function corpusFiles(vendor: CorpusVendor): string[] {
  return readdirSync(corpusPath(vendor)).sort();
}
