import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../src/core/analysis/index.ts';
import { loadAnyFlow, parseFlowText } from '../../../src/core/formats/index.ts';
import { displayName, isMachineId } from '../../../src/core/model/index.ts';
import { corpusFiles, corpusPath } from '../../support/corpus.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const uuid = '0e8c3d4b-0ba2-5dbf-ae5d-a8be1e5d95ac';

describe('the name a node is shown by', () => {
  it('is the name, else the id a person gave', () => {
    expect(displayName({ id: 'main-menu', kind: 'menu', name: 'Main menu', prompt: 'Press 1' })).toBe('Main menu');
    expect(displayName({ id: 'main-menu', kind: 'menu', prompt: 'Press 1' })).toBe('main-menu');
  });

  it('is made from what the node does when a machine made its id', () => {
    expect(displayName({ id: uuid, kind: 'prompt', prompt: 'Welcome to Cable TV. Your call may be recorded for quality.' })).toBe('Play prompt: "Welcome to Cable TV. Your call may be r…"');
    expect(displayName({ id: uuid, kind: 'menu', prompt: { 'en-US': 'How can I help you?' } })).toBe('Menu: How can I help you?');
    expect(displayName({ id: uuid, kind: 'queue', queue: 'Billing' })).toBe('Queue: Billing');
    expect(displayName({ id: uuid, kind: 'transfer', number: '+15550100' })).toBe('Transfer: +15550100');
    expect(displayName({ id: uuid, kind: 'hangup' })).toBe('Hang up');
    expect(displayName({ id: uuid, kind: 'opaque', vendorType: 'CheckHoursOfOperation' })).toBe('CheckHoursOfOperation');
  });

  it('tells machine-made ids from ones a person typed', () => {
    expect(isMachineId(uuid)).toBe(true);
    expect(isMachineId(`arn:aws:connect:us-east-1:123456789012:instance/x/contact-flow/${uuid}`)).toBe(true);
    expect(isMachineId('5f3a9c0e1b2d4f6a8c0e1b2d')).toBe(true);
    for (const id of ['welcome', 'main_menu', 'Gather_1', 'split-4', 'deadbeef']) expect(isMachineId(id)).toBe(false);
  });
});

describe('findings on imported Amazon Connect flows', () => {
  it('name their nodes by what they do, never by a UUID, and keep the id in the finding', () => {
    let findings = 0;
    for (const file of corpusFiles('amazon-connect')) {
      const parsed = parseFlowText(readFileSync(corpusPath('amazon-connect', file), 'utf8'), file);
      if (!parsed.ok) continue;
      const loaded = loadAnyFlow(parsed.value, file);
      if (!loaded.ok) continue;
      for (const finding of lintFlow(loaded.flow).findings) {
        if (!UUID.test(finding.node)) continue;
        findings++;
        expect(finding.message, `${file}: ${finding.rule}`).not.toMatch(UUID);
      }
    }
    expect(findings).toBeGreaterThan(20);
  });
});
