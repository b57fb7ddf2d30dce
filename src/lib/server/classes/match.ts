import { MAX_JOIN_CANDIDATES } from '$lib/api';

// Matching a joiner to the roster (pure): by student number, else by exact name; near names
// (case, accents, word order, a typo or two) are offered to confirm; otherwise pending.

/** A student number as compared: NFKC, upper case, no spaces ("s 123" is "S123"). */
export const numberKey = (number: string) =>
	number.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

/** A name as "exactly" compared: NFC, spaces collapsed and trimmed. */
export const exactNameKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A name as loosely compared: no accents, lower case, letters and digits only, words kept. */
export function looseNameKey(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Levenshtein distance, stopping early past `max` (returns max + 1 then). */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const x = [...a];
	const y = [...b];
	let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= y.length; j++) {
			const cost = x[i - 1] === y[j - 1] ? 0 : 1;
			row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
			best = Math.min(best, row[j]!);
		}
		if (best > max) return max + 1;
		previous = row;
	}
	return previous[y.length]!;
}

/** How near two loose keys are: 0 the same (or the same words in another order), else edits. */
function nearness(a: string, b: string): number | null {
	if (a === '' || b === '') return null;
	if (a === b) return 0;
	const sorted = (s: string) => s.split(' ').sort().join(' ');
	if (sorted(a) === sorted(b)) return 0;
	// One typo in a short name, two in a longer one.
	const max = Math.min(a.length, b.length) <= 6 ? 1 : 2;
	const d = editDistance(a, b, max);
	return d <= max ? d : null;
}

export interface RosterCandidate {
	id: string;
	name: string;
	studentNumber: string | null;
	/** Matched to a member already: never offered again. */
	claimed: boolean;
}

export type MatchOutcome =
	| { kind: 'matched'; rosterId: string }
	| { kind: 'confirm'; candidates: RosterCandidate[] }
	| { kind: 'pending' };

/**
 * Where a joiner belongs on the roster. A student number equal to an unclaimed entry's matches it;
 * else one unclaimed entry whose name is exactly theirs (and whose number does not contradict the
 * one they gave) matches; else the unclaimed entries with a near name (or the same name and
 * another number) are offered to confirm, nearest first, at most {@link MAX_JOIN_CANDIDATES};
 * else they are pending. A number that belongs to a claimed entry leaves them pending.
 */
export function matchJoiner(
	joiner: { name: string; studentNumber?: string | null },
	roster: readonly RosterCandidate[]
): MatchOutcome {
	const number = joiner.studentNumber ? numberKey(joiner.studentNumber) : '';
	if (number) {
		const byNumber = roster.find((r) => r.studentNumber && numberKey(r.studentNumber) === number);
		if (byNumber)
			return byNumber.claimed ? { kind: 'pending' } : { kind: 'matched', rosterId: byNumber.id };
	}
	const open = roster.filter((r) => !r.claimed);
	const exact = exactNameKey(joiner.name);
	const same = open.filter((r) => exactNameKey(r.name) === exact);
	const agrees = (r: RosterCandidate) => !number || !r.studentNumber;
	if (same.length === 1 && agrees(same[0]!)) return { kind: 'matched', rosterId: same[0]!.id };
	const loose = looseNameKey(joiner.name);
	const near = open
		.map((r) => ({
			r,
			d: exactNameKey(r.name) === exact ? -1 : nearness(loose, looseNameKey(r.name))
		}))
		.filter((x): x is { r: RosterCandidate; d: number } => x.d !== null)
		.sort((a, b) => a.d - b.d)
		.slice(0, MAX_JOIN_CANDIDATES)
		.map((x) => x.r);
	return near.length > 0 ? { kind: 'confirm', candidates: near } : { kind: 'pending' };
}

/** Whether `rosterId` is an entry the joiner may confirm: one matchJoiner would offer or match. */
export function mayConfirm(
	joiner: { name: string; studentNumber?: string | null },
	roster: readonly RosterCandidate[],
	rosterId: string
): boolean {
	const outcome = matchJoiner(joiner, roster);
	if (outcome.kind === 'matched') return outcome.rosterId === rosterId;
	if (outcome.kind === 'confirm') return outcome.candidates.some((c) => c.id === rosterId);
	return false;
}
