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
  /**
   * The app's first run: no account, Part 11 mode never switched on and an
   * empty database. The app then asks whether to set up users and Part 11
   * mode (a database with data and no users runs as before, unasked).
   */
  first_run: boolean;
  /** The shortest password the engine accepts (shown on the first-run page). */
  min_password_length: number;
  user: { name: string; display_name: string; role: UserRole } | null;
  /** Minutes without activity after which the session ends (may be a fraction in tests). */
  idle_minutes: number;
}
