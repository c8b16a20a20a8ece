// Two builds from one source: the dashboard `tact serve` serves (dist/), and
// one self-contained HTML page (dist-report/index.html, scripts and styles
// inlined) that `tact report` fills with data and writes out.
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

export default defineConfig(({ mode }) =>
  mode === 'report'
    ? {
        plugins: [viteSingleFile()],
        build: { outDir: 'dist-report', emptyOutDir: true },
      }
    : {
        build: { outDir: 'dist', emptyOutDir: true },
        server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
      },
);
