import type { AssignmentView } from '$lib/api';
import type { ClassSession } from '../../class-session.svelte';

/** What each change panel on the assignment page is given: the class, the assignment, and how to report a change. */
export interface AssignmentActionProps {
	session: ClassSession;
	view: AssignmentView;
	/** Called with the assignment as the server now has it. */
	onchanged: (next: AssignmentView) => Promise<void>;
}
