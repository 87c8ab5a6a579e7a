import type { Ref } from 'react';
import { FLOW_FILE_ACCEPT } from '../../core/catalog/index.ts';

/** A hidden picker of one flow file (Zero Out's or any registered vendor's), opened by clicking the input it renders (through `inputRef`). */
export function JsonFilePicker({ label, inputRef, onFile }: { label: string; inputRef: Ref<HTMLInputElement>; onFile(file: File): void }) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={FLOW_FILE_ACCEPT}
      aria-label={label}
      hidden
      onChange={(e) => {
        const file = e.target.files?.[0];
        // Cleared, so that picking the same file again is noticed.
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
