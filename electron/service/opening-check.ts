/**
 * The whole-file check made when the app opens a database (issue 19 item 2).
 * `PRAGMA quick_check` reads the whole file (about 0.5 s per 100,000 lots),
 * so it runs on the long-read thread in the background and the window opens
 * at once. Until it answers, writes go on being checked themselves (the
 * first write of the engine's life, and each recall and report, runs the
 * check anyway: service/handlers.ts). Once it finds damage the database is
 * read-only for this session: every write is refused with the message that
 * says how to restore, the window shows it in a banner (app:info and the
 * 'database:damaged' event), and reads still answer so people can see what
 * they had while the backup is found.
 */
import type { IntegrityCheck } from '../contract/contract';
import { DatabaseDamagedError } from '../engine/db/database-errors';

export class OpeningCheck {
  private state: IntegrityCheck['state'];
  private damage: DatabaseDamagedError | undefined;

  /** `checking` in the app (a check is under way); `not_checked` where nothing runs one (tests, tools). */
  constructor(initial: 'checking' | 'not_checked' = 'not_checked') {
    this.state = initial;
  }

  /** The check's answer: the problems quick_check named ([] when whole). Returns the damage when there is some. */
  record(path: string, problems: readonly string[]): DatabaseDamagedError | undefined {
    if (problems.length === 0) {
      this.state = 'whole';
      return undefined;
    }
    this.state = 'damaged';
    this.damage = new DatabaseDamagedError(path, `integrity check when the app opened it: ${problems.join('; ')}`);
    return this.damage;
  }

  /** Throws the damage for a write once the check found some. */
  refuseWritesIfDamaged(): void {
    if (this.damage) throw this.damage;
  }

  info(): IntegrityCheck {
    return this.damage ? { state: 'damaged', message: this.damage.message } : { state: this.state };
  }
}
