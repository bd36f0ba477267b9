// npm run db:migrate — applies pending migrations to the configured database and reports each one.
import { ConfigError, getConfig } from '@/lib/config.js';
import { connect, migrateToLatest } from '@/lib/server/db/connect';

try {
  const config = getConfig();
  const db = connect(config.database);
  const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
  const result = await migrateToLatest(db);
  const applied = result.results ?? [];
  console.log(
    applied.length === 0
      ? `${where}: already up to date`
      : `${where}: applied ${applied.map((r) => r.migrationName).join(', ')}`,
  );
  await db.destroy();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
