import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** One minified IIFE, served as `/telemetry/s.js` from the customer's own domain. */
export default {
  input: 'src/index.ts',
  output: {
    file: 'dist/s.js',
    format: 'iife',
    plugins: [
      terser({
        ecma: 2020,
        compress: { passes: 2 },
        format: { comments: false },
      }),
    ],
  },
  // `noEmitOnError` in tsconfig.json makes a type error (for example drift from the event contract) fail the build.
  plugins: [typescript({ tsconfig: './tsconfig.json' })],
};
