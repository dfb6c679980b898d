/**
 * The replicated variant of the schema, for a ClickHouse cluster (`CLICKHOUSE_CLUSTER`). Migrations
 * are written once, for a single server; on a cluster each statement is translated here:
 *
 * - a table `T` becomes `T_local` on every node, with the `Replicated…` form of its engine, and `T` a
 *   `Distributed` table over the `T_local`s, sharded by the table's sampling key (a visitor's events
 *   stay on one shard, so a re-sent event lands beside its first copy) or else by the hash of its sort
 *   key (rows that merge together share a shard);
 * - every CREATE, ALTER, DROP and RENAME runs ON CLUSTER; an ALTER or a RENAME changes the local
 *   tables and re-creates the Distributed ones over them;
 * - materialized views read and write local tables, so each shard rolls up its own rows;
 * - INSERT … SELECT (backfills, copies) runs as written, through the Distributed tables.
 *
 * Translation replays the migrations from the first, since a statement's translation depends on the
 * tables earlier ones created (their sharding keys, which names are views). A statement of another
 * form is refused, so a new migration cannot silently skip the cluster.
 */

const NAME = String.raw`(\w+)\.(\w+)`;
const CREATE_TABLE = new RegExp(
  String.raw`^CREATE TABLE IF NOT EXISTS ${NAME}\s*(\([\s\S]*\)|AS ${NAME})\s*ENGINE = (\w*MergeTree)\(([^)]*)\)([\s\S]*)$`,
);
const CREATE_VIEW = new RegExp(
  String.raw`^CREATE MATERIALIZED VIEW IF NOT EXISTS ${NAME} TO ${NAME}\s+AS\s+([\s\S]*)$`,
);
const ALTER = new RegExp(String.raw`^ALTER TABLE ${NAME}\s+([\s\S]*)$`);
const DROP = new RegExp(String.raw`^DROP TABLE (IF EXISTS )?${NAME}$`);
const RENAME = /^RENAME TABLE ([\s\S]*)$/;
const RENAME_PAIR = new RegExp(String.raw`^${NAME} TO ${NAME}$`);
const INSERT_SELECT = new RegExp(String.raw`^INSERT INTO ${NAME}\s+SELECT\s`);
const SAMPLE_BY = /\bSAMPLE BY (.+)$/m;
const ORDER_BY = /\bORDER BY \((.+)\)\s*$/m;

export const localTable = (table: string) => `${table}_local`;

/** Where a replicated table's parts are coordinated in ZooKeeper/Keeper (macros filled per node). */
export const replicaPath = (database: string, table: string, perShard = true) =>
  `'/clickhouse/tables/${perShard ? '{shard}' : 'all'}/${database}/${table}', '{replica}'`;

export class ClusterDdl {
  /** Sharding key of each table created so far, by its (Distributed) name. */
  private readonly shardingKeys = new Map<string, string>();
  private readonly views = new Set<string>();

  constructor(
    private readonly database: string,
    private readonly cluster: string,
  ) {}

  /** The cluster's statements for one single-server statement, in order. */
  translate(statement: string): string[] {
    const onCluster = `ON CLUSTER ${this.cluster}`;
    let match: RegExpExecArray | null;
    if ((match = CREATE_TABLE.exec(statement))) {
      const [, , table, shape, , source, engine, args, rest] = match;
      const columns = source === undefined ? shape : `AS ${this.name(localTable(this.known(source)))}`;
      const key =
        SAMPLE_BY.exec(rest)?.[1].trim() ?? `sipHash64(${ORDER_BY.exec(rest)?.[1] ?? fail(statement)})`;
      this.shardingKeys.set(table, key);
      const replicated = `Replicated${engine}(${[replicaPath(this.database, localTable(table)), args].filter(Boolean).join(', ')})`;
      return [
        `CREATE TABLE IF NOT EXISTS ${this.name(localTable(table))} ${onCluster} ${columns} ENGINE = ${replicated}${rest}`,
        this.distributed(table, 'IF NOT EXISTS '),
      ];
    }
    if ((match = CREATE_VIEW.exec(statement))) {
      const [, , view, , target, select] = match;
      this.views.add(view);
      return [
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${this.name(view)} ${onCluster} TO ${this.name(localTable(this.known(target)))} AS ${this.localReads(select)}`,
      ];
    }
    if ((match = ALTER.exec(statement))) {
      // The Distributed table is re-created over the changed local one: it holds no rows, and an
      // ALTER of it ON CLUSTER is refused where shards replicate internally.
      const [, , table, change] = match;
      this.known(table);
      return [
        `ALTER TABLE ${this.name(localTable(table))} ${onCluster} ${change}`,
        `DROP TABLE ${this.name(table)} ${onCluster}`,
        this.distributed(table, ''),
      ];
    }
    if ((match = DROP.exec(statement))) {
      const [, ifExists = '', , table] = match;
      if (this.views.delete(table)) return [`DROP TABLE ${ifExists}${this.name(table)} ${onCluster}`];
      this.shardingKeys.delete(table);
      return [table, localTable(table)].map(
        (name) => `DROP TABLE ${ifExists}${this.name(name)} ${onCluster}`,
      );
    }
    if ((match = RENAME.exec(statement))) {
      const pairs = match[1].split(',').map((pair) => {
        const names = RENAME_PAIR.exec(pair.trim()) ?? fail(statement);
        return { from: this.known(names[2]), to: names[4], key: this.shardingKeys.get(names[2])! };
      });
      for (const { from } of pairs) this.shardingKeys.delete(from);
      for (const { to, key } of pairs) this.shardingKeys.set(to, key);
      const renames = pairs.map(
        ({ from, to }) => `${this.name(localTable(from))} TO ${this.name(localTable(to))}`,
      );
      return [
        `RENAME TABLE ${renames.join(', ')} ${onCluster}`,
        ...pairs.map(({ from }) => `DROP TABLE ${this.name(from)} ${onCluster}`),
        ...pairs.map(({ to }) => this.distributed(to, '')),
      ];
    }
    if ((match = INSERT_SELECT.exec(statement))) {
      this.known(match[2]);
      return [statement];
    }
    return fail(statement);
  }

  private distributed(table: string, ifNotExists: string): string {
    const key = this.shardingKeys.get(table)!;
    return `CREATE TABLE ${ifNotExists}${this.name(table)} ON CLUSTER ${this.cluster} AS ${this.name(localTable(table))} ENGINE = Distributed(${this.cluster}, ${this.database}, ${localTable(table)}, ${key})`;
  }

  /** A view's query reads the local tables of the Distributed tables it names. */
  private localReads(select: string): string {
    return select.replace(new RegExp(String.raw`\b${this.database}\.(\w+)\b`, 'g'), (name, table: string) =>
      this.shardingKeys.has(table) ? this.name(localTable(table)) : name,
    );
  }

  private known(table: string): string {
    if (!this.shardingKeys.has(table)) throw new Error(`the cluster variant knows no table ${table}`);
    return table;
  }

  private name(table: string): string {
    return `${this.database}.${table}`;
  }
}

function fail(statement: string): never {
  throw new Error(`the cluster variant cannot translate: ${statement.split('\n')[0]}`);
}
