/** `napcat-milky mock` options. */
import { toLocale, type Locale } from '../shared/locale';
import type { LogFormat } from './log';

export const MOCK_USAGE = `Usage: napcat-milky mock [options]

A local Milky 1.2 server that checks every request against the official schemas.

Options:
  --port <n>       port to listen on (default 3000; 0 picks a free one)
  --host <h>       address to listen on (default 127.0.0.1)
  --token <t>      require Authorization: Bearer <t> (or ?access_token=<t> on /event)
  --events <file>  JSON lines of Milky events sent to every /event connection (default: a short demo)
  --log <f>        text (default) or json (one object per request)
  --lang <l>       message language: en (default) or zh-cn
  --lenient        accept parameters the schema does not know, with a warning
  -h, --help       this text
`;

export interface MockArgs {
  port: number;
  host: string;
  token?: string;
  events?: string;
  log: LogFormat;
  locale: Locale;
  lenient: boolean;
}

export class MockUsageError extends Error {}

export function parseMockArgs(argv: string[]): MockArgs | 'help' {
  const args: MockArgs = { port: 3000, host: '127.0.0.1', log: 'text', locale: 'en', lenient: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    const value = (): string => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      if (v === undefined) throw new MockUsageError(`${a} needs a value`);
      return v;
    };
    switch (name) {
      case '-h': case '--help': return 'help';
      case '--lenient': args.lenient = true; break;
      case '--port': {
        const v = value();
        const port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new MockUsageError(`--port must be a number from 0 to 65535, not ${v}`);
        args.port = port;
        break;
      }
      case '--host': args.host = value(); break;
      case '--token': {
        const v = value();
        if (!v) throw new MockUsageError('--token needs a non-empty value');
        args.token = v;
        break;
      }
      case '--events': args.events = value(); break;
      case '--log': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new MockUsageError(`unknown log format: ${v} (text or json)`);
        args.log = v;
        break;
      }
      case '--lang': args.locale = toLocale(value()); break;
      default: throw new MockUsageError(`unknown option: ${a}`);
    }
  }
  return args;
}
