export type { ClearOrigin, ServiceOperation, SwitchboardService } from './contracts';
export { createSwitchboardService, type SwitchboardServiceParts } from './switchboardService';
