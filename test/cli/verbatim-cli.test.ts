import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureOperatorOrganization } from '../../src/http/auth';
import { runVerbatim, type CliRun } from '../helpers/cli';
import { articleInput } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';

let app: TestApp;
let operatorId: string;
beforeAll(async () => {
  app = await startTestApp();
  operatorId = await ensureOperatorOrganization(app.db);
});
afterAll(async () => {
  await app.close();
});

function verbatim(...argv: string[]): Promise<CliRun> {
  return runVerbatim(app, operatorId, argv);
}

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`;

describe('verbatim CLI', () => {
  it('creates an organisation, then a key that works over HTTP; the key is printed once, alone on stdout', async () => {
    const organization = await verbatim('organizations', 'create', 'Basra Data Lab');
    expect(organization.code).toBe(0);
    expect(organization.out).toHaveLength(1);

    const created = await verbatim('keys', 'create', '--organization', 'basra data lab', '--role', 'editor', '--label', 'notebook');
    expect(created.code).toBe(0);
    expect(created.out).toHaveLength(1);
    const key = created.out[0];
    expect(key).toMatch(/^vbt_[A-Za-z0-9_-]{43}$/);
    expect(created.err.join('\n')).toMatch(/cannot be shown again/);
    expect(created.err.join('\n')).not.toContain(key);

    const ingested = await app.gql(INGEST, { input: articleInput() }, { key });
    expect(ingested.errors).toBeUndefined();

    const [audit] = await app.db.query(
      `SELECT api_key_prefix, details FROM audit_log WHERE operation = 'createApiKey' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ api_key_prefix: 'cli', details: { prefix: key.slice(0, 12), role: 'EDITOR', label: 'notebook' } });
  });

  it('lists keys without their secrets, then revokes one, after which it is refused', async () => {
    await verbatim('organizations', 'create', 'Mosul Archive');
    const key = (await verbatim('keys', 'create', '-o', 'Mosul Archive', '-r', 'READER')).out[0];
    const prefix = key.slice(0, 12);

    const listed = await verbatim('keys', 'list', '--organization', 'Mosul Archive');
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^PREFIX\s+ROLE\s+ORGANIZATION/);
    expect(listed.out.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${prefix}\\s+READER\\s+Mosul Archive\\s.*never\\s+-$`))]);
    expect(listed.out.join('\n')).not.toContain(key);

    const revoked = await verbatim('keys', 'revoke', prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.err.join('\n')).toContain(`Revoked READER key ${prefix}`);
    expect((await app.gql('{ sources(first: 1) { totalCount } }', {}, { key })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const after = await verbatim('keys', 'list', '--organization', 'Mosul Archive');
    expect(after.out[1]).not.toMatch(/\s-$/);
  });

  it.each<[string, string[], RegExp]>([
    ['a duplicate organisation', ['organizations', 'create', 'MOSUL ARCHIVE'], /already exists/],
    ['an unknown organisation', ['keys', 'create', '--organization', 'Nobody', '--role', 'READER'], /Organization "Nobody" not found/],
    ['an unknown key prefix', ['keys', 'revoke', 'vbt_unknown1'], /not found/],
    ['an organisation name of blanks', ['organizations', 'create', '   '], /1 to 200 characters/],
  ])('reports %s in one line on stderr and exits 1, writing nothing', async (_name, argv, message) => {
    await verbatim('organizations', 'create', 'Mosul Archive'); // present whether or not the test above ran
    const before = await snapshotTables(app.db);
    const run = await verbatim(...argv);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown command', ['keys', 'rotate'], /unknown command "keys rotate"/],
    ['an unknown option', ['keys', 'create', '--organisation', 'X', '--role', 'READER'], /Unknown option '--organisation'/],
    ['a missing role', ['keys', 'create', '--organization', 'X'], /--role READER\|EDITOR\|ADMIN/],
    ['an unknown role', ['keys', 'create', '--organization', 'X', '--role', 'OWNER'], /one of READER, EDITOR, ADMIN/],
    ['a revoke without a prefix', ['keys', 'revoke'], /one key prefix/],
    ['an organisation name in two words unquoted', ['organizations', 'create', 'Two', 'Words'], /quote a name with spaces/],
  ])('refuses %s before opening the database: one line, exit 1', async (_name, argv, message) => {
    const run = await verbatim(...argv);
    expect(run).toMatchObject({ code: 1, out: [], opened: 0 });
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
  });

  it('prints usage for help (exit 0) and for no command (exit 1)', async () => {
    const help = await verbatim('help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toContain('verbatim keys create --organization <name>');
    expect((await verbatim()).code).toBe(1);
    expect(await verbatim('keys', 'revoke', '--help')).toMatchObject({ code: 0, out: ['Usage: verbatim keys revoke <prefix>'], opened: 0 });
  });

  it('runs as a program (tsx src/cli/verbatim.ts, as `npm run verbatim` does): opens DATABASE_URL, prints results on stdout, fails with exit 1', async () => {
    const root = path.resolve(__dirname, '..', '..');
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/cli/verbatim.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, DATABASE_URL: app.config.databaseUrl, LOG_LEVEL: 'silent' },
      });
    const created = await run('organizations', 'create', 'Subprocess Partners');
    expect(created.stdout.trim()).toMatch(/^[A-Za-z0-9_-]+$/);
    const listed = await run('keys', 'list');
    expect(listed.stdout).toMatch(/^PREFIX/);
    await expect(run('organizations', 'create', 'Subprocess Partners')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^verbatim organizations create: An organization named "Subprocess Partners" already exists\n$/),
    });
    // Three cold starts of tsx (each compiles the CLI) take seconds apiece on a busy 2-core machine.
  }, 120_000);
});
