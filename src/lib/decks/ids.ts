/**
 * An id as the question banks, the decks and the study settings write it: lower-case letters and
 * digits in words joined by single hyphens ("belt-and-road").
 */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
