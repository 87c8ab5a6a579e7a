/**
 * The vendor formats registry is the one list of vendors: each has its own
 * folder, ids are unique, and everything that names the vendors (the export
 * targets, the command line's help and file patterns, the designer's Export
 * menu and Import picker) reads it. The golden files of each vendor's export
 * are checked by test/formats-golden.test.ts, which takes its vendors from
 * the registry too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { FLOW_FILE_PATTERN } from '../../../src/cli/files.ts';
import { VENDOR_CATALOG } from '../../../src/core/catalog/index.ts';
import { EXPORT_FORMATS, EXPORT_TARGETS } from '../../../src/core/export/index.ts';
import { FLOW_FILE_ACCEPT, loadAnyFlow, VENDOR_FORMATS } from '../../../src/core/formats/index.ts';
import { ExportMenu } from '../../../src/ui/shell/ExportMenu.tsx';
import { cleanup, run, tempDir } from '../../cli/helpers.ts';

const FORMATS = path.join(import.meta.dirname, '..', '..', '..', 'src', 'core', 'formats');

/** The targets every build exports to besides the vendors'. */
const OTHER_TARGETS = ['xstate', 'mermaid'];
const VENDOR_TARGETS = VENDOR_FORMATS.filter((format) => format.export !== undefined).map((format) => format.id);

afterAll(cleanup);

describe('the vendor formats registry', () => {
  it.each(VENDOR_FORMATS.map((format) => [format.id, format] as const))('%s has its folder, whose index.ts is the registered format', async (id, format) => {
    expect(existsSync(path.join(FORMATS, id, 'index.ts'))).toBe(true);
    const module = (await import(`../../../src/core/formats/${id}/index.ts`)) as { default: unknown };
    expect(module.default).toBe(format);
  });

  it('gives each format an id of its own, which is no other target or format', () => {
    const ids = VENDOR_FORMATS.map((format) => format.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(['native', ...OTHER_TARGETS]).not.toContain(id);
    }
    expect(new Set(VENDOR_FORMATS.map((format) => format.name)).size).toBe(ids.length);
  });

  it('is where the export targets come from, vendors first', () => {
    expect(EXPORT_TARGETS).toEqual([...VENDOR_TARGETS, ...OTHER_TARGETS]);
    for (const format of VENDOR_FORMATS.filter((f) => f.export !== undefined)) {
      expect(EXPORT_FORMATS.find((target) => target.id === format.id)).toMatchObject({ name: format.name, label: format.name });
    }
  });

  it('names every vendor when a file is no flow', () => {
    const result = loadAnyFlow({ hello: 'world' }, 'settings.json');
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.problems[0]!.message;
    for (const format of VENDOR_FORMATS) expect(message).toContain(`${format.name} flow`);
  });
});

describe('the command line', () => {
  it('offers exactly the registry’s targets in `export --help`, and names each vendor', async () => {
    const result = await run(['export', '--help'], tempDir());
    expect(result.code).toBe(0);
    const choices = /\(choices: ([^)]*)\)/s.exec(result.stdout)?.[1];
    expect(choices?.split(/,\s*/).map((choice) => JSON.parse(choice) as string)).toEqual([...VENDOR_TARGETS, ...OTHER_TARGETS]);
    const description = result.stdout.split('\n')[2]!;
    for (const format of VENDOR_FORMATS.filter((f) => f.export !== undefined)) expect(description).toContain(format.name);
    for (const format of VENDOR_FORMATS) expect(result.stdout.replace(/\s+/g, ' ')).toContain(`${format.reference}s`);
  });

  it('names every vendor in the files it searches folders for', () => {
    for (const format of VENDOR_FORMATS) expect(FLOW_FILE_PATTERN).toContain(format.name);
  });
});

describe('the designer', () => {
  it('offers exactly the registry’s targets in the Export menu, by name', () => {
    const html = renderToStaticMarkup(
      createElement(ExportMenu, { analysis: undefined, exporter: { exportTo: async () => undefined, editingEnv: false, setEditingEnv: () => undefined, notify: () => undefined } })
    );
    const items = [...html.matchAll(/<button[^>]*role="menuitem"[^>]*>([^<]*)<\/button>/g)].map((match) => match[1]);
    const vendors = VENDOR_FORMATS.filter((format) => format.export !== undefined).map((format) => format.name);
    expect(items).toEqual([...vendors, 'XState machine (JSON)', 'Mermaid diagram', 'Image (SVG)', 'Image (PNG)', 'Environment…']);
  });

  it('lets Import pick every vendor’s files', () => {
    const accepted = FLOW_FILE_ACCEPT.split(',');
    for (const format of VENDOR_FORMATS) {
      for (const extension of format.files.extensions) expect(accepted).toContain(extension);
      expect(accepted).toContain(format.files.mediaType);
    }
  });
});

describe('the catalog', () => {
  it('lists the registry’s vendors, in its order, each as the vendor’s folder describes it', () => {
    expect(VENDOR_CATALOG.map((about) => about.id)).toEqual(VENDOR_FORMATS.map((format) => format.id));
    VENDOR_FORMATS.forEach((format, index) => {
      const about = VENDOR_CATALOG[index]!;
      expect(about.name).toBe(format.name);
      expect(about.reference).toBe(format.reference);
      expect(about.files.extensions).toEqual(format.files.extensions);
      expect(about.files.mediaType).toBe(format.files.mediaType);
      expect(about.keptKeys).toEqual(format.keptKeys);
      // A format the catalog offers as an export target can export, and the other way round.
      expect(about.writes, format.id).toBe(format.export !== undefined);
    });
  });
});
