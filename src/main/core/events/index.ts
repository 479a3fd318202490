export { createActivityEventBus } from './activityEventBus';
export type { ActivityEventBus, ActivityListener } from './activityEventBus';
