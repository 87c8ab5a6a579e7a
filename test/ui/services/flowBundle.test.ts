import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/core/model/index.ts';
import { bundleText, isFlowId, nameInText, placeUploads, problemsToSave, readUpload, textVersion } from '../../../src/ui/services/flowBundle.ts';

const bank = readFileSync(new URL('../../../flows/bank.ivr.json', import.meta.url), 'utf8');
const clinic = readFileSync(new URL('../../../flows/clinic.ivr.json', import.meta.url), 'utf8');

describe('textVersion', () => {
  it('gives the same text the same version and any change another', () => {
    expect(textVersion(bank)).toBe(textVersion(`${bank}`));
    expect(textVersion(bank)).toMatch(/^[0-9a-f]{16}$/);
    expect(textVersion(bank)).not.toBe(textVersion(bank.replace('First Harbor', 'First Harbour')));
    expect(textVersion('ab')).not.toBe(textVersion('ba'));
    expect(textVersion('')).not.toBe(textVersion(' '));
  });
});

describe('problemsToSave', () => {
  it('accepts a valid flow saved under its own id', () => {
    expect(problemsToSave('bank', bank)).toEqual([]);
  });

  it('refuses a flow saved under another id, naming the field', () => {
    expect(problemsToSave('savings', bank).map(formatProblem)).toEqual([
      'savings.ivr.json at /id: the flow\'s id "bank" does not match its file name: expected "savings"'
    ]);
  });

  it('refuses text that is no flow, naming the file and place', () => {
    const [problem] = problemsToSave('bank', '{"id": "bank"');
    expect(problem?.file).toBe('bank.ivr.json');
    expect(problemsToSave('bank', JSON.stringify({ ...JSON.parse(bank), nodes: 'none' })).map((p) => p.pointer)).toContain('/nodes');
  });

  it('refuses an id the server could not name a file by', () => {
    expect(isFlowId('../bank')).toBe(false);
    expect(problemsToSave('../bank', bank)[0]?.message).toMatch(/cannot name a flow/);
  });
});

describe('readUpload', () => {
  it('reads one flow, by the id it carries', () => {
    expect(readUpload(bank, 'my-bank.ivr.json')).toEqual({ flows: [{ id: 'bank', text: bank }], problems: [] });
  });

  it('reads back what bundleText writes', () => {
    const text = bundleText([
      { id: 'bank', text: bank },
      { id: 'clinic', text: clinic }
    ]);
    expect(JSON.parse(text)).toMatchObject({ zeroOutFlows: 1 });
    expect(readUpload(text, 'zero-out-flows.json')).toEqual({
      flows: [
        { id: 'bank', text: bank },
        { id: 'clinic', text: clinic }
      ],
      problems: []
    });
  });

  it("keeps a bundle's good flows and names the place of each bad one", () => {
    const text = JSON.stringify({ zeroOutFlows: 1, flows: [{ id: 'bank', text: bank }, { id: 'x' }, { id: 'clinic', text: bank }] });
    const upload = readUpload(text, 'all.json');
    expect(upload.flows.map((f) => f.id)).toEqual(['bank']);
    expect(upload.problems.map(formatProblem)).toEqual([
      'all.json at /flows/1/text: expected the flow file\'s text, a string',
      'all.json at /flows/2/text/id: flow "clinic": the flow\'s id "bank" does not match its file name: expected "clinic"'
    ]);
  });

  it('refuses a bundle of another version, and text that is not JSON', () => {
    expect(readUpload('{"zeroOutFlows": 2, "flows": []}', 'all.json').problems.map(formatProblem)).toEqual([
      'all.json at /zeroOutFlows: this build reads bundles of version 1, not 2'
    ]);
    const notJson = readUpload('not json', 'notes.json');
    expect(notJson.flows).toEqual([]);
    expect(notJson.problems[0]?.file).toBe('notes.json');
    expect(readUpload('[1]', 'list.json').problems[0]?.message).toMatch(/a Zero Out flow or a bundle/);
  });
});

describe('placeUploads', () => {
  it('keeps free ids, and gives a taken one the next free id and a name that says so', () => {
    const placed = placeUploads(
      [
        { id: 'bank', text: bank },
        { id: 'clinic', text: clinic }
      ],
      new Set(['bank', 'bank-2'])
    );
    expect(placed.map((p) => [p.id, p.from])).toEqual([
      ['bank-3', 'bank'],
      ['clinic', undefined]
    ]);
    expect(problemsToSave('bank-3', placed[0]!.text)).toEqual([]);
    expect(nameInText(placed[0]!.text, 'bank-3')).toBe(`${nameInText(bank, 'bank')} (uploaded)`);
    expect(placed[1]!.text).toBe(clinic);
  });

  it('never gives two uploads one id', () => {
    const placed = placeUploads(
      [
        { id: 'bank', text: bank },
        { id: 'bank', text: bank }
      ],
      new Set()
    );
    expect(placed.map((p) => p.id)).toEqual(['bank', 'bank-2']);
  });
});
