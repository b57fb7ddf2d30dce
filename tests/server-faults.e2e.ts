import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, startServer, type ServerProcess } from './server-process';

// Faults a server must survive without losing or doubling a stored result: the processes killed
// mid-load, a full disk. They start their own servers (WORKERS=2, their own database) on the
// build that Playwright's webServer made, so they run once, not per browser project.
test.beforeEach(() => {
	const project = test.info().project.name;
	test.skip(project !== 'desktop', 'server faults need no browser: one run is enough');
});
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const LIMITS = {
	RATE_LIMIT_SUBMIT_PER_MIN: '100000',
	RATE_LIMIT_CREATE_PER_MIN: '1000',
	RATE_LIMIT_JOIN_PER_MIN: '100000'
};

interface Assignment {
	code: string;
	instructorKey: string;
}

async function createAssignment(url: string): Promise<Assignment> {
	const response = await fetch(`${url}/api/assignments`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({
			title: 'Fault drill',
			deckId: 'history',
			mode: 'quiz',
			questionCount: 5,
			passMark: 0.5,
			dueAt: '2099-01-01T00:00:00Z'
		})
	});
	expect(response.status).toBe(201);
	return (await response.json()) as Assignment;
}

function submission(index: number) {
	const id = `fault-${String(index).padStart(4, '0')}-sub`;
	const now = Date.now();
	return {
		id,
		studentId: `fault-${String(index).padStart(4, '0')}-student`,
		name: `Student ${index}`,
		answers: [],
		startedAt: now - 60_000,
		finishedAt: now
	};
}

/** Sends one submission; resolves with the status, or null when the connection failed. */
async function send(url: string, code: string, index: number): Promise<number | null> {
	try {
		const response = await fetch(`${url}/api/assignments/${code}/submissions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: url },
			body: JSON.stringify(submission(index))
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return null;
	}
}

async function storedIds(url: string, assignment: Assignment): Promise<string[]> {
	const response = await fetch(`${url}/api/assignments/${assignment.code}/results`, {
		headers: { authorization: `Bearer ${assignment.instructorKey}` }
	});
	expect(response.status).toBe(200);
	const body = (await response.json()) as { submissions: { id: string }[] };
	return body.submissions.map((s) => s.id);
}

test('killed with SIGKILL in the middle of a load and restarted, every acknowledged submission is stored exactly once', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'meridian-kill-'));
	const port = await freePort();
	const env = { ...LIMITS, WORKERS: '2', DATABASE_PATH: join(dir, 'meridian.sqlite') };
	let server: ServerProcess = await startServer(port, env);
	try {
		const assignment = await createAssignment(server.url);
		const total = 400;
		const acknowledged = new Set<number>();
		let next = 0;
		let killed = false;
		/** Answers other than 2xx before the kill: two processes on one database must give none. */
		const errors: string[] = [];
		// 20 in flight; the processes are killed once 120 submissions have been answered.
		const runner = async () => {
			while (next < total) {
				const index = next++;
				const status = await send(server.url, assignment.code, index);
				if (status !== null && status >= 200 && status < 300) acknowledged.add(index);
				else if (status !== null && !killed) errors.push(`${index}: ${status}`);
				if (!killed && acknowledged.size >= 120) {
					killed = true;
					server.signal('SIGKILL');
				}
			}
		};
		await Promise.all(Array.from({ length: 20 }, runner));
		expect(killed).toBe(true);
		expect(errors).toEqual([]);
		await server.exited();
		const beforeRestart = new Set(acknowledged);
		expect(beforeRestart.size).toBeGreaterThanOrEqual(120);
		expect(beforeRestart.size).toBeLessThan(total);

		server = await startServer(port, env);
		// What a student's outbox does: send again whatever got no answer, and a retry of some that
		// did (their answer was lost on the way, say) must store nothing new.
		for (let index = 0; index < total; index++) {
			if (acknowledged.has(index) && index % 10 !== 0) continue;
			const status = await send(server.url, assignment.code, index);
			expect(status === 200 || status === 201, `submission ${index} got ${status}`).toBe(true);
			if (beforeRestart.has(index)) expect(status).toBe(200);
		}
		const ids = await storedIds(server.url, assignment);
		expect(ids.length).toBe(total);
		expect(new Set(ids).size).toBe(total);
		for (const index of beforeRestart) expect(ids).toContain(submission(index).id);
	} finally {
		server.signal('SIGKILL');
		await server.exited();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('SIGTERM lets requests in flight finish, then every process exits', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'meridian-term-'));
	const port = await freePort();
	const server = await startServer(port, {
		...LIMITS,
		WORKERS: '2',
		DATABASE_PATH: join(dir, 'meridian.sqlite')
	});
	try {
		const assignment = await createAssignment(server.url);
		const inFlight = Array.from({ length: 20 }, (_, i) => send(server.url, assignment.code, i));
		await new Promise((resolve) => setTimeout(resolve, 20));
		server.signal('SIGTERM');
		const statuses = await Promise.all(inFlight);
		// A request the server had taken is answered; one that came after the close is refused at
		// the door (a connection error the outbox retries), never answered with an error.
		for (const status of statuses) expect(status === null || status === 201).toBe(true);
		expect(await server.exited()).toBe(0);
		expect(server.output()).toContain('finishing requests in flight');
	} finally {
		server.signal('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});

test('a full disk answers 503 with Retry-After and the server recovers without a restart', async () => {
	test.skip(process.getuid?.() !== 0, 'mounting a small file system needs root');
	const dir = mkdtempSync(join(tmpdir(), 'meridian-full-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
	const port = await freePort();
	let server: ServerProcess | undefined;
	try {
		server = await startServer(port, {
			...LIMITS,
			DATABASE_PATH: join(dir, 'meridian.sqlite')
		});
		const assignment = await createAssignment(server.url);
		expect(await send(server.url, assignment.code, 0)).toBe(201);
		// Fill the file system to the last byte.
		const filler = join(dir, 'filler');
		try {
			writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
		} catch {
			// ENOSPC: the file holds what fitted.
		}
		let refused: Response | undefined;
		for (let index = 1; index < 40 && !refused; index++) {
			const response = await fetch(`${server.url}/api/assignments/${assignment.code}/submissions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ ...submission(index), answers: [] })
			});
			if (response.status !== 201) refused = response;
		}
		expect(refused?.status).toBe(503);
		expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(refused?.headers.get('cache-control')).toBe('no-store');
		expect(((await refused?.json()) as { error: string }).error).toMatch(/full|space/i);

		unlinkSync(filler);
		expect(await send(server.url, assignment.code, 100)).toBe(201);
		const ids = await storedIds(server.url, assignment);
		expect(ids).toContain(submission(100).id);
		expect(new Set(ids).size).toBe(ids.length);
	} finally {
		server?.signal('SIGKILL');
		await server?.exited();
		execFileSync('umount', ['-l', dir]);
		rmSync(dir, { recursive: true, force: true });
	}
});
