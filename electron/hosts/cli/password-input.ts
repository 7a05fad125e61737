/**
 * Where the CLI reads passwords: the LOTTRACE_PASSWORD environment variable,
 * else standard input (one password per line; typed at a terminal without
 * echo). Never a command-line argument: those show in the process list and
 * the shell history. A command that needs two passwords (an admin adding a
 * user in Part 11 mode) reads the second from LOTTRACE_NEW_PASSWORD or the
 * next line.
 */
export type ReadStdin = (prompt: string) => Promise<string[]>;

/** Reads standard input: a piped stream to its end, or one hidden line at a terminal. */
export const readProcessStdin: ReadStdin = (prompt) => {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    return new Promise((resolve) => {
      process.stderr.write(prompt);
      let line = '';
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            stdin.setRawMode(false);
            stdin.pause();
            process.stderr.write('\n');
            resolve([line]);
            return;
          }
          if (ch === '\u0003') process.exit(130);
          line = ch === '\u007f' ? line.slice(0, -1) : line + ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stdin.on('data', (c: Buffer) => chunks.push(c));
    stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8').split(/\r?\n/)));
    stdin.once('error', reject);
  });
};

export class PasswordSource {
  private lines: string[] | undefined;
  private used = 0;

  constructor(
    private readonly readStdin: ReadStdin = readProcessStdin,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The next password: from `envName` when set, else the next line of standard input. */
  async next(envName: 'LOTTRACE_PASSWORD' | 'LOTTRACE_NEW_PASSWORD', prompt: string): Promise<string> {
    const fromEnv = this.env[envName];
    if (fromEnv) return fromEnv;
    if (this.lines === undefined || this.used >= this.lines.length) {
      this.lines = await this.readStdin(prompt);
      this.used = 0;
    }
    const line = this.lines[this.used++] ?? '';
    if (!line) throw new PasswordMissingError(`no password given: set ${envName} or write it on standard input`);
    return line;
  }
}

export class PasswordMissingError extends Error {}
