/**
 * Who may do what: the four roles and the one table of their permissions.
 * Each role holds the permissions of the one before it plus its own
 * (viewer < qa < qa-manager < admin), so the table says only what each adds.
 */
import type { UserRole } from '../../contract/dto/users';

export const ROLES = ['viewer', 'qa', 'qa-manager', 'admin'] as const satisfies readonly UserRole[];

export type Permission =
  | 'read'
  | 'hold' | 'quarantine' | 'import' | 'consignee-entry'
  | 'release' | 'reject' | 'recall-open' | 'recall-approve' | 'recall-close' | 'report-approve'
  | 'manage-users' | 'settings';

const ADDS: Record<UserRole, readonly Permission[]> = {
  viewer: ['read'],
  qa: ['hold', 'quarantine', 'import', 'consignee-entry'],
  'qa-manager': ['release', 'reject', 'recall-open', 'recall-approve', 'recall-close', 'report-approve'],
  admin: ['manage-users', 'settings'],
};

export function isRole(value: string): value is UserRole {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: UserRole, permission: Permission): boolean {
  for (const r of ROLES) {
    if (ADDS[r].includes(permission)) return true;
    if (r === role) return false;
  }
  return false;
}
