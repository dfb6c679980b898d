/**
 * A backup or restore that cannot go on, with what to do about it. Restore throws it before it changes anything
 * (a corrupt archive, a wrong passphrase, another version's schema); the CLI prints the message and exits 1.
 */
export class BackupError extends Error {}
