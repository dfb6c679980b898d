import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/**
 * The builds served from `/telemetry/` on the customer's own domain, each with its compile-time
 * features (src/features.d.ts): the minifier replaces the switches by these constants and drops the
 * code of what is off.
 */
export const BUILDS = {
  's.js': { AUTOCAPTURE: true, WEB_VITALS: true, CROSS_DOMAIN: true },
  // Pageviews, custom events, SPA routes, identity, consent and the offline queue only.
  's.lite.js': { AUTOCAPTURE: false, WEB_VITALS: false, CROSS_DOMAIN: false },
};

export default {
  input: 'src/index.ts',
  output: Object.entries(BUILDS).map(([file, features]) => ({
    file: `dist/${file}`,
    format: 'iife',
    // The code is written for strict mode; the directive itself would only cost bytes.
    strict: false,
    plugins: [
      terser({
        ecma: 2020,
        compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true, global_defs: features },
        format: { comments: false },
      }),
    ],
  })),
  // `noEmitOnError` in tsconfig.json makes a type error (for example drift from the event contract) fail the build.
  plugins: [typescript({ tsconfig: './tsconfig.json' })],
};
