/**
 * Shapes of users, sign-in and electronic signatures as the engine returns
 * them (engine/users) and the contract passes them on.
 */
export type UserRole = 'viewer' | 'qa' | 'qa-manager' | 'admin';

export interface UserInfo {
  id: number;
  name: string;
  display_name: string;
  role: UserRole;
  locked: boolean;
  disabled: boolean;
  failed_attempts: number;
  created_at: string;
  created_by: string;
}

export interface SignatureInfo {
  id: number;
  user: string;
  printed_name: string;
  /** ISO 8601 UTC. */
  at: string;
  /** The plant's time zone at signing (IANA). */
  zone: string;
  meaning: string;
  entity: string;
  key: string;
  record_hash: string;
  status: 'valid' | 'invalid (record changed after signing)';
}

export interface AuthStatus {
  part11: boolean;
  /** No account exists yet: the app offers to create the first admin. */
  needs_first_admin: boolean;
  user: { name: string; display_name: string; role: UserRole } | null;
  /** Minutes without a call after which the session ends. */
  idle_minutes: number;
}
