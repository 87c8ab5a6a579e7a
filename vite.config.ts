import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The designer: src/ui/index.html, built into dist/ for the local server.
  root: 'src/ui',
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    // ELK, loaded only for a layout, is a large chunk of its own.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Flow marks its modules "use client" for server components; a browser bundle has no use for it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      }
    }
  },
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    // The end-to-end tests drive the built designer.
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // CI also keeps a JSON report, from which .ci/run prints its closing count.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default']
  }
});
