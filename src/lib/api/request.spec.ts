import { describe, expect, it } from 'vitest';
import { apiRequest, ApiResponseError, assignmentPath } from './request';

interface Call {
	url: string;
	init: RequestInit;
}

function fakeFetch(answer: Response | Error) {
	const calls: Call[] = [];
	const send = (async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		if (answer instanceof Error) throw answer;
		return answer;
	}) as typeof fetch;
	return { send, calls };
}

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function refusal(promise: Promise<unknown>): Promise<ApiResponseError> {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(ApiResponseError);
	return error as ApiResponseError;
}

describe('apiRequest', () => {
	it('sends JSON with the instructor key and returns the answer', async () => {
		const { send, calls } = fakeFetch(json(201, { action: 'accept', changed: 2 }));
		const answer = await apiRequest('POST', assignmentPath('ABC2345', 'acceptances'), {
			body: { cardId: 'c1' },
			key: 'secret',
			fetch: send
		});
		expect(answer).toEqual({ action: 'accept', changed: 2 });
		expect(calls).toEqual([
			{
				url: '/api/assignments/ABC2345/acceptances',
				init: {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: 'Bearer secret' },
					body: '{"cardId":"c1"}'
				}
			}
		]);
	});

	it('sends a GET without a body or headers', async () => {
		const { send, calls } = fakeFetch(json(200, { code: 'ABC2345' }));
		await apiRequest('GET', assignmentPath('a b/c'), { fetch: send });
		expect(calls[0]).toEqual({
			url: '/api/assignments/a%20b%2Fc',
			init: { method: 'GET', headers: {}, body: undefined }
		});
	});

	it.each([
		[401, { error: 'missing or wrong instructor key' }, 'missing or wrong instructor key'],
		[409, { error: 'studentId: one attempt' }, 'studentId: one attempt'],
		[404, { message: 'not the API’s shape' }, 'The server answered 404.'],
		[429, { error: 42 }, 'The server answered 429.']
	])(
		'turns a %i answer into a typed error with the server’s sentence',
		async (status, body, message) => {
			const { send } = fakeFetch(json(status, body));
			const error = await refusal(apiRequest('GET', 'assignments/ABC2345', { fetch: send }));
			expect(error).toMatchObject({ status, message, name: 'ApiResponseError' });
		}
	);

	it('says the status when an error answer is not JSON (a proxy’s HTML page)', async () => {
		const { send } = fakeFetch(new Response('<h1>Bad gateway</h1>', { status: 502 }));
		const error = await refusal(apiRequest('GET', 'assignments/ABC2345', { fetch: send }));
		expect(error).toMatchObject({ status: 502, message: 'The server answered 502.' });
	});

	it('lets a network failure through as fetch threw it', async () => {
		const { send } = fakeFetch(new TypeError('Failed to fetch'));
		await expect(apiRequest('GET', 'assignments/ABC2345', { fetch: send })).rejects.toThrow(
			new TypeError('Failed to fetch')
		);
	});
});
