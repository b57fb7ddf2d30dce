// One formatter each: the card browser formats a date per review of every card it shows.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A time as the student's browser writes it, without seconds: "5 Jan 2026, 09:00". */
export const whenLabel = (at: number) => dateTime.format(at);
/** A day, "5 Jan 2026". */
export const dayLabel = (at: number) => date.format(at);

/** Time spent, like "45 s", "12 min" or "1 h 5 min". */
export function spentLabel(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	const rest = minutes % 60;
	return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}
