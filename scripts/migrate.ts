// `npm run migrate`: brings the configured database's schema up to date, then exits.
import { getDatabase } from '../src/lib/server/db';

getDatabase().close();
console.log('Meridian: database schema up to date');
