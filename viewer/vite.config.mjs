// The viewer (index.html, Preact) and the explorer (explorer.html, GraphiQL on React), built by
// `npm run build` into dist/viewer, which the API serves (src/viewer/viewer.routes.ts).
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  // JSX without a plugin: the viewer's .tsx files compile against Preact, the explorer's against React.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/viewer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { index: here('index.html'), explorer: here('explorer.html') },
      // GraphiQL's dependencies mark React modules "use client", which means nothing outside a server-components build.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
