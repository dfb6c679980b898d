export * from './render-config';
export * from './edge-server';
export * from './loopback-edge';
export * from './shifted-clock';
