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
        // More passes and the unsafe transforms that keep behaviour here (`+x` for `Number(x)`, shorthand
        // methods in the command table) pay for the events' age. Not `unsafe_comps`: it turns `a >= b` into
        // `!(a < b)`, which answers otherwise for NaN (a session id that is not hex must stay sampled in).
        compress: {
          passes: 8,
          unsafe: true,
          unsafe_arrows: true,
          unsafe_math: true,
          unsafe_methods: true,
          pure_getters: true,
          global_defs: features,
        },
        format: { comments: false },
      }),
    ],
  })),
  // `noEmitOnError` in tsconfig.json makes a type error (for example drift from the event contract) fail the build.
  plugins: [typescript({ tsconfig: './tsconfig.json' })],
};
