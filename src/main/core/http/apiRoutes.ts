/** Every REST route (SPEC 7), literal paths before `:param` ones. */
import { activityExportRoutes } from './activityExportRoute';
import { activityRoutes } from './activityRoutes';
import type { ApiRoute } from './apiDeps';
import { approvalRoutes } from './approvalRoutes';
import { serverRoutes } from './serverRoutes';
import { settingsRoutes } from './settingsRoutes';
import { tokenRoutes } from './tokenRoutes';

export const apiRoutes: ApiRoute[] = [
  ...settingsRoutes,
  ...activityExportRoutes,
  ...activityRoutes,
  ...tokenRoutes,
  ...serverRoutes,
  ...approvalRoutes,
];
