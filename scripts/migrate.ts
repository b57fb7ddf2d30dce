// `npm run migrate`: opens the database the environment names (DATABASE_URL, else DATABASE_PATH),
// applies its pending migrations under the migration lock (src/lib/server/db.ts: any number of
// processes may run this at once), prints one line and exits 0. A database that cannot be opened
// prints one line naming the setting and the cause, and exits 1.
import {
	DatabaseConfigError,
	migrate,
	openDatabaseFromEnv,
	SCHEMA_VERSION
} from '../src/lib/server/db';

try {
	const db = await openDatabaseFromEnv();
	try {
		const applied = await migrate(db);
		console.log(
			applied.length === 0
				? `Meridian: database schema up to date (version ${SCHEMA_VERSION})`
				: `Meridian: applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')} (schema version ${SCHEMA_VERSION})`
		);
	} finally {
		await db.destroy();
	}
} catch (e) {
	const message =
		e instanceof DatabaseConfigError ? e.message : `migration failed: ${(e as Error).message}`;
	console.error(`Meridian cannot migrate: ${message}`);
	process.exit(1);
}
