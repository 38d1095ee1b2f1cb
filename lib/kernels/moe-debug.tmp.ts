export * from './run-moe-dispatch';
export * from './run-moe-dense';
export * from './run-moe-padded';
export * from './moe-dispatch-reference';
export * from './moe-check';
export { kernelBackend } from '../compute/tf';
