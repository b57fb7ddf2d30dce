/**
 * Resolves in a task of its own, after the tasks already waiting (issue 18): work that follows an
 * `await nextTask()` is not added to the task that is running, so a phone's main thread can paint
 * and answer input in between. A macrotask (a timer), not a microtask: a microtask runs before the
 * current task ends, and Svelte flushes its updates in one, so it would split nothing.
 */
export function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
