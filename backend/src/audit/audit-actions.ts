/**
 * Every admin action the audit log records, by the name it is stored and listed under: the OpenAPI
 * description lists them, so the panel words each one (a name added here without its words there fails the
 * panel's type check).
 */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.update',
  'user.delete',
  'user.reset_password',
  'user.change_password',
  'user.enable_totp',
  'user.disable_totp',
  'user.link_identity',
  'site.create',
  'site.update',
  'site.delete',
  'site.rotate_key',
  'api_key.create',
  'api_key.revoke',
  'goal.create',
  'goal.update',
  'goal.delete',
  'flag.create',
  'flag.update',
  'flag.delete',
  'alert.create',
  'alert.update',
  'alert.delete',
  'alert.test',
  'dashboard.create',
  'dashboard.rename',
  'dashboard.delete',
  'dashboard.widget.add',
  'dashboard.widget.update',
  'dashboard.widget.remove',
  'shared_link.create',
  'shared_link.revoke',
  'action.rename',
  'action.name.clear',
  'action.name.rerun',
  'ai.provider.update',
  'ai.provider.delete',
  'backup.start',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
