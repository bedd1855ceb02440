import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig, MIN_BOOTSTRAP_KEY_LENGTH, PUBLISHED_EXAMPLE_KEYS } from '../../src/config';
import { copiesOf, isDockerIgnored, literalAssignments, parseDockerfile, type DockerStage } from '../helpers/dockerfile';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN/i;

interface ComposeService {
  environment?: Record<string, string>;
  ports?: string[];
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
const stages = parseDockerfile(read('Dockerfile'));
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

describe('the bootstrap admin key', () => {
  const withKey = (key: string) => () => loadConfig({ VERBATIM_BOOTSTRAP_ADMIN_KEY: key });

  it(`is refused under ${MIN_BOOTSTRAP_KEY_LENGTH} characters, with how to make one`, () => {
    expect(withKey('x'.repeat(MIN_BOOTSTRAP_KEY_LENGTH - 1))).toThrow(/at least 32 characters.*openssl rand -hex 32/);
    expect(withKey('')).toThrow(/at least 32/);
    expect(withKey('k'.repeat(MIN_BOOTSTRAP_KEY_LENGTH))().bootstrapAdminKey).toBe('k'.repeat(32));
  });

  it('is refused when it is a value published in our docs (the old compose default among them)', () => {
    expect(PUBLISHED_EXAMPLE_KEYS).toContain('change-me-to-a-long-random-secret');
    for (const key of PUBLISHED_EXAMPLE_KEYS) expect(withKey(key)).toThrow(/published|at least/);
  });

  it('finds literal keys written in text, and not references or placeholders', () => {
    const text =
      'VERBATIM_BOOTSTRAP_ADMIN_KEY=abc123 npm start\nVERBATIM_BOOTSTRAP_ADMIN_KEY: "${X:?set}"\n' +
      'VERBATIM_BOOTSTRAP_ADMIN_KEY=<a long secret>\nVERBATIM_BOOTSTRAP_ADMIN_KEY="$(openssl rand -hex 32)"';
    expect(literalAssignments(text, 'VERBATIM_BOOTSTRAP_ADMIN_KEY')).toEqual(['abc123']);
  });

  it('written anywhere in the docs, examples or deployment files, is refused by the server', () => {
    const files = [
      'README.md',
      'docker-compose.yml',
      'Dockerfile',
      ...textFilesUnder('docs'),
      ...textFilesUnder('examples'),
      ...textFilesUnder('clients'),
    ];
    const literals = files.flatMap((file) => literalAssignments(read(file), 'VERBATIM_BOOTSTRAP_ADMIN_KEY'));
    for (const key of literals) expect(withKey(key)).toThrow();
  });
});

describe('docker-compose.yml', () => {
  it('sets for the API only variables that src/config.ts reads', () => {
    const names = Object.keys(compose.services.api.environment ?? {});
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });

  it('gives no secret a default: each is required from the operator', () => {
    for (const [service, { environment = {} }] of Object.entries(compose.services)) {
      for (const [name, value] of Object.entries(environment)) {
        const references = [...String(value).matchAll(/\$\{(\w+)(:?[-?])?([^}]*)\}/g)];
        for (const [, variable, operator] of references) {
          if (SECRET_NAME.test(variable)) expect({ service, name, operator }).toEqual({ service, name, operator: ':?' });
        }
        if (SECRET_NAME.test(name))
          expect({ service, name, value }).toEqual({ service, name, value: expect.stringMatching(/^\$\{\w+:\?[^}]+\}$/) });
        const password = /^\w+:\/\/[^:/]+:([^@]+)@/.exec(String(value))?.[1];
        if (password !== undefined)
          expect({ service, name, password }).toEqual({ service, name, password: expect.stringMatching(/^\$\{\w+:\?[^}]+\}$/) });
      }
    }
  });

  it('publishes ports on the loopback address only, and the database not at all', () => {
    const published = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(String(port)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(compose.services.postgres.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const [build, runtime] = [stages.find((stage) => stage.name === 'build'), stages.at(-1)] as DockerStage[];
  let context: string;

  beforeAll(async () => {
    // The build stage's context: only what it COPYs, less .dockerignore; node_modules stands in for `npm ci`.
    context = mkdtempSync(path.join(os.tmpdir(), 'verbatim-image-'));
    for (const copy of copiesOf(build).filter((c) => c.from === undefined)) {
      for (const source of copy.sources) {
        expect(existsSync(path.join(root, source))).toBe(true);
        const target = copy.destination.endsWith('/') ? path.join(context, path.basename(source)) : path.join(context, copy.destination);
        cpSync(path.join(root, source), target, {
          recursive: true,
          filter: (file) => !isDockerIgnored(path.relative(root, file), dockerignore),
        });
      }
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(context, 'node_modules'), 'dir');
    expect(build.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('npm run build'))).toBe(true);
    // Minutes on a loaded machine (tsc, then Vite); what failed is in the error's stderr.
    await run('npm', ['run', 'build'], { cwd: context, timeout: 540_000 }).catch((error: { stderr?: string }) => {
      throw new Error(`npm run build in the image's build context failed:\n${error.stderr ?? String(error)}`);
    });
  }, 600_000);

  afterAll(() => rmSync(context, { recursive: true, force: true }));

  it('copies into the image only what its build produced or the repository has', () => {
    for (const copy of copiesOf(runtime)) {
      for (const source of copy.sources) {
        if (copy.from === 'build')
          expect({ source, exists: existsSync(path.join(context, path.relative('/app', source))) }).toEqual({ source, exists: true });
        else
          expect({ source, exists: existsSync(path.join(root, source)), ignored: isDockerIgnored(source, dockerignore) }).toEqual({
            source,
            exists: true,
            ignored: false,
          });
      }
    }
  });

  it('runs the built server, and carries every migration, the demo data and a working CLI', async () => {
    const cmd = JSON.parse(runtime.instructions.find((i) => i.keyword === 'CMD')?.args ?? '[]') as string[];
    expect(cmd[0]).toBe('node');
    expect(existsSync(path.join(context, cmd[1]))).toBe(true);
    const migrations = (dir: string, ext: string) =>
      readdirSync(dir).filter((file) => /^\d+-\w+\./.test(file) && file.endsWith(ext)).length;
    expect(migrations(path.join(context, 'dist/src/db/migrations'), '.js')).toBe(migrations(path.join(root, 'src/db/migrations'), '.ts'));
    expect(statSync(path.join(context, 'dist/src/demo')).isDirectory()).toBe(true);
    const cliLink = /ln -s \/app\/(\S+) \/usr\/local\/bin\/verbatim/.exec(runtime.instructions.map((i) => i.args).join('\n'))?.[1];
    expect(cliLink).toBeDefined();
    const { stdout } = await run('node', [path.join(context, cliLink ?? ''), 'help'], { cwd: context });
    expect(stdout).toMatch(/Usage:[\s\S]*keys create/);
  }, 60_000);

  it('runs as an unprivileged user', () => {
    const user = runtime.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });
});

function textFilesUnder(dir: string): string[] {
  const base = path.join(root, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(dir, file))
    .filter((file) => !file.includes('node_modules') && /\.(md|txt|ya?ml|json|sh|py|R|r|ts|js|ipynb|env)$/.test(file))
    .filter((file) => statSync(path.join(root, file)).size < 1_000_000);
}
