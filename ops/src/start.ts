import { REPO_ROOT } from './repo-root';
import { loadSettings, dataPaths } from './stack/settings';
import { readSites } from './stack/sites-file';
import { trackerSnippet } from '@sluice/config';
import { startStack, type RunningStack } from './stack/stack';
import { whenOrphaned } from './stack/orphan-watch';

/** `npm start`: runs the whole stack in the foreground until SIGINT/SIGTERM or until a part dies. */
async function main(): Promise<void> {
  // npm's shell, read before the stack's start: a stop of npm during the start is seen once it is up.
  const parent = process.ppid;
  const settings = loadSettings(REPO_ROOT);
  const paths = dataPaths(settings);
  const stack: RunningStack = await startStack(settings);

  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping Sluice…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  whenOrphaned(() => void stop('npm start was stopped', 0), { parent });
  void stack.firstExit.then((name) => stop(`${name} exited unexpectedly (see ${paths.logs})`, 1));

  const site = readSites(paths.sitesFile)[0];
  const { host, port, adminListen, adminServerName } = settings.edge;
  const local = (address: string) => (address === '0.0.0.0' ? 'localhost' : address);
  const edgeUrl = `http://${local(host)}:${port}/`;
  const adminUrl = `http://${adminServerName ?? local(adminListen?.host ?? host)}:${adminListen?.port ?? port}/`;
  console.log('\nSluice is running.');
  for (const part of stack.parts) console.log(`  ${part.name.padEnd(10)} ${part.where}`);
  console.log(`  data       ${settings.dataDir}   logs: ${paths.logs}`);
  console.log(`\nAdmin panel: ${adminUrl}`);
  console.log(
    stack.ownerNotice
      ? `  ${stack.ownerNotice}`
      : '  Sign in with your account (an owner can reset a forgotten password; the first start printed the owner’s).',
  );
  if (site) {
    console.log(`\nPaste this on every page of "${site.domain}" (site key ${site.key}):\n`);
    console.log(trackerSnippet(site.key));
    console.log(
      `\nand proxy /telemetry/ on that site to ${edgeUrl}telemetry/ (see README: "First-party proxy").`,
    );
  }
  console.log('To see every report before a site of yours sends anything: Sites → Add demo site.');
  console.log('\nPress Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(`Sluice could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
