/**
 * The metadata columns that hold secrets: the backends' generated signing secret, the sites' batch-signing keys
 * and users' TOTP seeds. The archive's copy of the metadata holds them blanked; their values travel in the
 * sealed secrets file and are put back on restore. (Password hashes, API key and refresh token hashes stay in
 * the copy: they are one-way, as they are in the live database.)
 */
export const SECRET_COLUMNS = [
  { table: 'secrets', key: 'name', column: 'value', blank: '' },
  { table: 'sites', key: 'id', column: 'signing_secrets', blank: '[]' },
  { table: 'users', key: 'id', column: 'totp_secret', blank: null },
] as const;

export type SecretColumn = (typeof SECRET_COLUMNS)[number];

/** One secret column's values, by the row's key. */
export interface SecretColumnValues {
  table: string;
  key: string;
  column: string;
  values: Array<[key: string | number, value: unknown]>;
}

/** The little of SQL both stores need here: `?` placeholders (PostgreSQL's runner numbers them). */
export interface SqlRunner {
  all(statement: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  run(statement: string, params?: unknown[]): Promise<void>;
}

/** Reads every secret column's values, then blanks them (in a copy: never the live database). */
export async function takeSecretColumns(db: SqlRunner): Promise<SecretColumnValues[]> {
  const taken: SecretColumnValues[] = [];
  for (const { table, key, column, blank } of SECRET_COLUMNS) {
    const rows = await db.all(`SELECT "${key}" AS k, "${column}" AS v FROM "${table}"`);
    taken.push({ table, key, column, values: rows.map((row) => [row.k as string | number, row.v]) });
    await db.run(`UPDATE "${table}" SET "${column}" = ?`, [blank]);
  }
  return taken;
}

/** Puts taken values back, row by row. */
export async function putSecretColumns(db: SqlRunner, taken: SecretColumnValues[]): Promise<void> {
  for (const { table, key, column, values } of taken)
    for (const [id, value] of values)
      await db.run(`UPDATE "${table}" SET "${column}" = ? WHERE "${key}" = ?`, [value, id]);
}
