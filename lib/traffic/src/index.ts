export * from './event-generator';
export * from './catalogue';
export * from './random';
export * from './row-binary';
