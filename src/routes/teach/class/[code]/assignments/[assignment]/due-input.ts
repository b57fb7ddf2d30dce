/** An instant as a `datetime-local` value in this device's time zone ("2026-12-08T17:00"). */
export function toLocalInput(iso: string): string {
	const d = new Date(iso);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO instant; null when it is not a date. */
export function fromLocalInput(value: string): string | null {
	const at = new Date(value);
	return value && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
}
