export * from './managed-process';
export * from './wait';
export * from './ports';
