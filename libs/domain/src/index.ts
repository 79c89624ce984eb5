export * from './money.js';
export * from './roles.js';
export * from './sort.js';
