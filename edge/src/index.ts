export * from './render-config';
export * from './edge-server';
