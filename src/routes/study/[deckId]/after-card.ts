// What the study page needs from the answer on, imported once its first card is painted (see
// StudyView) rather than with the page: the scheduler (the intervals shown on reveal, the rating),
// the undo, the exam queue, and the components of the answer and of the session's end. Before the
// card they were about half of the scripts the card waited for (issue 18; docs/benchmarks.md,
// h31a). The components inject their styles, so that loading them fetches no stylesheet.
export { createScheduler, previewIntervals } from '$lib/srs/scheduler';
export { examQueue } from '$lib/srs/exam-forecast';
export { recordReview, undoReview } from '$lib/storage/reviews';
export { default as CardAnswer } from './CardAnswer.svelte';
export { default as ExamDone } from './ExamDone.svelte';
export { default as SessionSummary } from './SessionSummary.svelte';
