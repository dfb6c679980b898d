export { HOST_NAME, type Kind } from './kinds';
export * from './settings';
export * from './read-settings';
export { renderEnvExample, renderSettingsTable } from './env-example';
