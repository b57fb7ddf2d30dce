/**
 * Where a roster error points: the server names the line of the pasted text it refuses
 * ("roster: line 3: ..."). Returns that line's number (1-based) and its text, or null.
 */
export function rosterErrorLine(
	message: string,
	text: string
): { line: number; text: string } | null {
	const match = /\bline (\d+)\b/i.exec(message);
	if (!match) return null;
	const line = Number(match[1]);
	const lines = text.split(/\r\n|\r|\n/);
	if (line < 1 || line > lines.length) return null;
	return { line, text: lines[line - 1]! };
}

/** Where a line starts and ends in the text, to select it in the text box. */
export function lineRange(text: string, line: number): [number, number] {
	let start = 0;
	const endings = /\r\n|\r|\n/g;
	for (let i = 1; i < line; i++) {
		const found = endings.exec(text);
		if (!found) return [text.length, text.length];
		start = found.index + found[0].length;
	}
	const next = /\r|\n/.exec(text.slice(start));
	return [start, next ? start + next.index : text.length];
}

/**
 * Sends a form holding a roster box: clears the line the box last pointed at, runs `send`, and on
 * a refusal returns `"<refused>: <the server's message>"` after pointing the box at the line the
 * message names. Returns null when `send` succeeded.
 */
export async function submitRoster(
	field: { point(message: string | null): void } | undefined,
	refused: string,
	send: () => Promise<void>
): Promise<string | null> {
	field?.point(null);
	try {
		await send();
		return null;
	} catch (error) {
		const message = `${refused}: ${(error as Error).message}`;
		field?.point(message);
		return message;
	}
}
