import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The designer: src/ui/index.html, built into dist/ for the local server.
  root: 'src/ui',
  // Asset paths relative to the page, so that dist/ works from any static host, at its root or in a folder.
  base: './',
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
    environment: 'node',
    testTimeout: 20_000,
    // CI also keeps a JSON report, from which .ci/run prints its closing count.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // Tests that run the `zeroout` executable run the built command line.
          globalSetup: ['test/setup/build-cli.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The end-to-end tests drive the built designer; only a run that includes them builds it.
          globalSetup: ['test/e2e/global-setup.ts']
        }
      }
    ]
  }
});
