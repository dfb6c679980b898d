import type { Schemas } from '../api/schemas.js';
import { apiRequest } from '../shared/api-client.js';
import type { Goal } from '../overview/api.js';

export type { Goal } from '../overview/api.js';

/** What an admin sets on a new goal (`POST /api/sites/:id/goals`). */
export type NewGoal = Schemas['CreateGoalDto'];

export const createGoal = (token: string, siteId: number, goal: NewGoal) =>
  apiRequest<Goal>('POST', `/sites/${siteId}/goals`, { token, body: goal });

export const deleteGoal = (token: string, siteId: number, goalId: number) =>
  apiRequest<void>('DELETE', `/sites/${siteId}/goals/${goalId}`, { token });
