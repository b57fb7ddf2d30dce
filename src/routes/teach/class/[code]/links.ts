/**
 * The per-assignment results dashboard of a class assignment, opened with the class key (which
 * opens every assignment of its class); the key travels in the fragment, never to the server.
 */
export const resultsHref = (assignmentCode: string, classKey: string) =>
	`/teach/${encodeURIComponent(assignmentCode)}#key=${classKey}`;
