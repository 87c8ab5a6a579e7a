import type { Ref } from 'react';

/** A hidden picker of one JSON file, opened by clicking the input it renders (through `inputRef`). */
export function JsonFilePicker({ label, inputRef, onFile }: { label: string; inputRef: Ref<HTMLInputElement>; onFile(file: File): void }) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept=".json,application/json"
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
