import { compileDecks, type CompiledDecks } from '$lib/decks/compile';

// The question banks are bundled into the server at build time, so the compiled decks do not
// depend on the working directory and a bad bank fails the build.
const files = import.meta.glob('/questions/**/*.{md,yaml,txt}', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

function source(path: string): string {
	const text = files[`/questions/${path}`];
	if (text === undefined) throw new Error(`questions/${path} is missing`);
	return text;
}

let compiled: CompiledDecks | undefined;

/** The decks compiled from questions/, compiled once per server process. */
export function getDecks(): CompiledDecks {
	compiled ??= compileDecks({
		essay: source('essay.md'),
		decks: source('decks.yaml'),
		slips: source('slips.yaml'),
		entities: source('entities.yaml'),
		released: source('released-ids.txt'),
		banks: Object.entries(files)
			.filter(([path]) => path.startsWith('/questions/banks/'))
			.map(([path, text]) => ({ file: path.slice(1), text }))
	});
	return compiled;
}
