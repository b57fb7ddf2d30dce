import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, putRows } from './helpers';
import { backupWith, studiedState } from '../src/lib/storage/fixtures/backup';

const NOW = Date.now();
const STATE = studiedState(NOW, 'x');
const PARTIAL = {
	id: 'partial',
	deckId: 'history',
	seed: 1,
	cardIds: ['x'],
	feedback: 'end',
	passMark: 0.7,
	startedAt: NOW,
	finishedAt: null,
	answers: [
		{ cardId: 'y', response: null, score: 1, correct: true, answeredAt: NOW },
		{ cardId: 'x', response: null, score: 1, correct: true, answeredAt: NOW }
	],
	percent: null,
	passed: null,
	retryOf: null
};
const backup = (fields: object) => JSON.stringify(backupWith(NOW, fields));

// The hand-edited backups of issue 17: each is refused, naming the record and the field.
const BAD: [string, string, RegExp][] = [
	[
		'stability -5',
		backup({ cardStates: [{ ...STATE, stability: -5 }] }),
		/cardStates\.0\.stability/
	],
	[
		'difficulty 100',
		backup({ cardStates: [{ ...STATE, difficulty: 100 }] }),
		/cardStates\.0\.difficulty/
	],
	['a partial quiz attempt', backup({ quizAttempts: [PARTIAL] }), /quizAttempts\.0\.answers/]
];

for (const [name, text, where] of BAD) {
	test(`a backup with ${name} is refused and changes nothing`, async ({ page }) => {
		await page.goto('/settings');
		await page.getByLabel('Import backup').setInputFiles({
			name: 'backup.json',
			mimeType: 'application/json',
			buffer: Buffer.from(text)
		});
		const status = page.getByRole('status').filter({ hasText: 'Not imported' });
		await expect(status).toContainText('nothing changed');
		await expect(status).toContainText(where);
	});
}

async function writeBrokenRows(page: Page) {
	const cards: { id: string }[] = (await (await page.request.get('/decks/history.json')).json())
		.cards;
	const [first, second] = cards;
	await putRows(page, {
		cardStates: [
			{ ...STATE, cardId: first!.id, due: Date.now() - 1000, stability: -5, difficulty: 100 },
			{ ...STATE, cardId: second!.id, due: 'soon' }
		],
		quizAttempts: [
			{
				...PARTIAL,
				cardIds: [first!.id],
				answers: PARTIAL.answers.map((a, i) => ({ ...a, cardId: i ? first!.id : 'gone' }))
			}
		]
	});
}

test('unreadable rows are skipped with a notice, never a stuck page, and Settings repairs them', async ({
	page
}) => {
	test.setTimeout(120_000); // axe on Settings takes long on a busy 2-core machine
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Check and repair saved data' })).toBeVisible();
	await writeBrokenRows(page);

	// The study page still studies: the broken cards read as new.
	await page.goto('/study/history');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
	await expect(notice).toBeVisible();
	// The quiz page does not resume the broken attempt: it offers a new quiz.
	await page.goto('/quiz/history');
	await expect(page.getByRole('button', { name: 'Start quiz' })).toBeVisible();

	await notice.getByRole('link', { name: 'Repair in Settings' }).click();
	await page.getByRole('button', { name: 'Check saved data' }).click();
	await expect(page.getByText('3 saved rows cannot be read.')).toBeVisible();
	await expect(page.getByText(/card schedule .*: stability/)).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Repair' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Repaired:' })).toContainText(
		'1 card schedules brought back into range, 1 reset'
	);
	await page.getByRole('button', { name: 'Check saved data' }).click();
	await expect(page.getByText('Everything saved on this device can be read.')).toBeVisible();
});
