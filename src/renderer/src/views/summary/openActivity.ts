import type { ActivityFilter } from '../../../../shared/activity';
import { navigate } from '../../hooks/useRoute';
import { filterToParams } from '../../lib/activityFilterUrl';

/** Charts link to the Activity view with the slice they show as its filter. */
export function openActivity(filter: ActivityFilter): void {
  navigate('activity', filterToParams(filter));
}
