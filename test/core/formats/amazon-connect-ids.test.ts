/**
 * Action Identifiers are hashed with the flow id's part hashed once per flow
 * (json/limits.ts lets an id be a million characters): each must be the very
 * UUID that hashing the whole name gives, whatever the lengths and the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionIdentifier, uuidV5 } from '../../../src/core/formats/amazon-connect/export/index.ts';

describe('actionIdentifier', () => {
  it('is the UUID of the flow id and the node id (and the part) joined by NUL', () => {
    const text = fc.oneof(fc.string({ maxLength: 150 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', 'x'.repeat(55), 'x'.repeat(64), 'é'.repeat(70), '\ud800', '😀'.repeat(20)));
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: undefined }), (flowId, nodeId, part) => {
        const name = part === undefined ? `${flowId}\u0000${nodeId}` : `${flowId}\u0000${nodeId}\u0000${part}`;
        expect(actionIdentifier(flowId, nodeId, part)).toBe(uuidV5(name));
      }),
      { numRuns: 150 }
    );
  });

  it('gives the same Identifiers for a flow asked about again after others', () => {
    const first = actionIdentifier('bank', 'menu');
    for (let i = 0; i < 20; i++) actionIdentifier(`other-${i}`, 'menu');
    expect(actionIdentifier('bank', 'menu')).toBe(first);
    expect(first).toBe(uuidV5('bank\u0000menu'));
  });
});
