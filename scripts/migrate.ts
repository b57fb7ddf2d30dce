// `npm run migrate`: applies the pending schema migrations to the database the environment names
// (DATABASE_URL=postgres://... or DATABASE_PATH, default ./data/meridian.sqlite), once, under a
// lock, so any number of these (and of starting servers) may run at the same time.
import { DatabaseConfigError, migrate, openDatabaseFromEnv } from '../src/lib/server/db';

try {
	const db = await openDatabaseFromEnv();
	try {
		const applied = await migrate(db);
		console.log(
			applied.length ? `applied migration ${applied.join(', ')}` : 'the schema is up to date'
		);
	} finally {
		await db.destroy();
	}
} catch (e) {
	if (!(e instanceof DatabaseConfigError)) throw e;
	console.error(`Meridian cannot migrate: ${e.message}`);
	process.exit(1);
}
