import type { components } from './schema.js';

/** The API's request and answer types by their OpenAPI names, generated from the backend (schema.d.ts). */
export type Schemas = components['schemas'];
