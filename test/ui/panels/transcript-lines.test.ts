import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/core/compile/index.ts';
import { transcriptLines } from '../../../src/ui/panels/Simulator.tsx';

const line = (who: TranscriptEntry['who'], text: string, at = 0) => ({ who, text, at, node: null }) as unknown as TranscriptEntry;

describe('the transcript of a simulated call', () => {
  it('shows the keys of one step of several as one line, and every other line as it is', () => {
    const transcript = [line('flow', 'Enter your account number.'), line('caller', 'pressed 1', 3), line('caller', 'pressed 2', 4), line('caller', 'pressed 3', 4), line('flow', 'Thanks.'), line('caller', 'pressed 1', 9)];
    const lines = transcriptLines(transcript, new Map([[1, 4]]));
    expect(lines.map((l) => [l.entry.text, l.index])).toEqual([
      ['Enter your account number.', 0],
      ['pressed 123', 3],
      ['Thanks.', 4],
      ['pressed 1', 5]
    ]);
    expect(lines[1]!.entry.at).toBe(3);
    expect(transcriptLines(transcript, new Map()).length).toBe(transcript.length);
  });
});
