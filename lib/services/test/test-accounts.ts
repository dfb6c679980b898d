/** The accounts of a test's private ClickHouse, each named after its job, its password made from its name. */
const account = (username: string) => ({ username, password: `${username}-secret` });

export const TEST_CREDENTIALS = {
  admin: account('admin'),
  ingest: account('ingest'),
  reader: account('reader'),
};
