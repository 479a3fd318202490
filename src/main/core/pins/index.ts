export { createToolPins } from './toolPins';
export type { ToolPins, ToolPinsDeps } from './toolPins';
export { createPinRepository } from './pinRepository';
export type { PinRepository, ToolPin } from './pinRepository';
export { definitionSha256, toolDefinition } from './toolDefinition';
