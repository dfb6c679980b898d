export * from './event-contract';
export { rowProblems } from './validate-row';
export { CONTRACT_JSON_PATH } from './write-contract-json';
export { compactRow, sampleEventRow, withDefaults } from './sample-row';
export * from './sites-file';
export { trackerSnippet } from './snippet';
export * from './settings/index';
export * from './report-dimensions';
export * from './channels';
