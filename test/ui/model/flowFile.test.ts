import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/core/model/draft.ts';
import { draftText, freeId, slug } from '../../../src/ui/model/flowFile.ts';

describe('draftText', () => {
  it('is the draft as JSON indented by two spaces, with a closing newline', () => {
    const draft = emptyDraft('main', 'Main line');
    expect(draftText(draft)).toBe(`${JSON.stringify(draft, null, 2)}\n`);
    expect(JSON.parse(draftText(draft))).toEqual(draft);
  });
});

describe('slug', () => {
  it('keeps lower-case letters and digits, joined by single dashes', () => {
    expect(slug('  Billing & Payments (UK) 2 ')).toBe('billing-payments-uk-2');
  });

  it('is "flow" when nothing is left', () => {
    expect(slug('!!!')).toBe('flow');
    expect(slug('')).toBe('flow');
  });

  it('keeps at most 60 characters', () => {
    expect(slug('a'.repeat(80))).toHaveLength(60);
  });
});

describe('freeId', () => {
  it('is the base when no flow has it', () => {
    expect(freeId('sales', new Set(['support']))).toBe('sales');
  });

  it('numbers from 2 past the ids taken', () => {
    expect(freeId('sales', new Set(['sales']))).toBe('sales-2');
    expect(freeId('sales-copy', new Set(['sales-copy', 'sales-copy-2', 'sales-copy-3']))).toBe('sales-copy-4');
  });
});
