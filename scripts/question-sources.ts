/** Reads everything in questions/ as the compiler takes it, for the scripts that compile the banks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestionSources } from '../src/lib/decks/compile';

export const QUESTIONS_DIR = 'questions';

export function readQuestionSources(dir = QUESTIONS_DIR): QuestionSources {
	const read = (file: string) => readFileSync(join(dir, file), 'utf8');
	const bankFiles = readdirSync(join(dir, 'banks')).filter((f) => f.endsWith('.yaml'));
	return {
		essay: read('essay.md'),
		decks: read('decks.yaml'),
		slips: read('slips.yaml'),
		entities: read('entities.yaml'),
		released: read('released-ids.txt'),
		banks: bankFiles.map((f) => ({ file: `questions/banks/${f}`, text: read(`banks/${f}`) }))
	};
}
