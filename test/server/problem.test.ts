import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { refusalError } from '../../src/contracts/review-refusal.js';
import { intakeErrors } from '../../src/intake/intake-errors.js';
import { refuse } from '../../src/review/refusals.js';
import { errorHandler } from '../../src/server/problem.js';
import { AppError, ERROR_CATALOGUE } from '../../src/shared/errors.js';
import { ConflictError } from '../../src/store/errors.js';

/** An app whose one route throws what it is given, with its log lines kept for reading. */
async function appThrowing(err: unknown) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, stream), requestIdHeader: 'x-request-id' });
  app.setErrorHandler(errorHandler);
  app.get('/x', async () => {
    throw err;
  });
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/x', headers: { 'x-request-id': 'req-test-7' } });
  await app.close();
  return { res, body: res.json(), lines };
}

describe('problem+json', () => {
  it('answers a review refusal with its own code, status and both texts', async () => {
    const { res, body } = await appThrowing(refusalError(refuse('WRONG_DEPARTMENT')));
    expect(res.statusCode).toBe(403);
    expect(body).toMatchObject({
      code: 'WRONG_DEPARTMENT',
      reason: 'WRONG_DEPARTMENT',
      type: '/api/errors#wrong_department',
      message: { zh: ERROR_CATALOGUE.WRONG_DEPARTMENT.zh, en: ERROR_CATALOGUE.WRONG_DEPARTMENT.en },
      detailMessage: { zh: ERROR_CATALOGUE.WRONG_DEPARTMENT.zh, en: ERROR_CATALOGUE.WRONG_DEPARTMENT.en },
    });
    // The joined forms stay for clients that read them.
    expect(body.title).toBe(
      `${ERROR_CATALOGUE.WRONG_DEPARTMENT.zh} / ${ERROR_CATALOGUE.WRONG_DEPARTMENT.en}`,
    );
  });

  it('keeps a fault inside the review step out of the answer and logs it under the request id', async () => {
    const internal = new TypeError('Cannot read properties of null (reading secret_column)');
    const refusal = { ...refuse('INTERNAL_ERROR'), internal };
    const { res, body, lines } = await appThrowing(refusalError(refusal));
    expect(res.statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.requestId).toBe('req-test-7');
    expect(JSON.stringify(body)).not.toContain('secret_column');
    expect(body.detailMessage.zh).toContain('req-test-7');
    expect(body.detailMessage.en).toContain('req-test-7');
    const logged = lines.find((l) => l.level === 50);
    expect(logged).toMatchObject({ reqId: 'req-test-7', code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(logged)).toContain('secret_column');
  });

  it('never sends an unexpected error’s message', async () => {
    const { res, body } = await appThrowing(new Error('SELECT * FROM users failed at /srv/app'));
    expect(res.statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('SELECT');
  });

  it('carries a specific explanation in both languages, and a plain one as it is', async () => {
    const specific = await appThrowing(
      new AppError('CONFLICT', { zh: '产品编码已存在：A1', en: 'product A1 already exists' }),
    );
    expect(specific.body.detailMessage).toEqual({
      zh: '产品编码已存在：A1',
      en: 'product A1 already exists',
    });
    expect(specific.body.detail).toBe('产品编码已存在：A1 / product A1 already exists');
    const plain = await appThrowing(new ConflictError('A1.xlsx: row 3'));
    expect(plain.body).toMatchObject({
      code: 'CONFLICT',
      detailMessage: { zh: 'A1.xlsx: row 3', en: 'A1.xlsx: row 3' },
    });
  });

  it('answers an intake failure with its catalogue code and the specific message', async () => {
    const { res, body } = await appThrowing(intakeErrors.passwordProtected('PDF'));
    expect(res.statusCode).toBe(ERROR_CATALOGUE.INTAKE_PASSWORD_PROTECTED.status);
    expect(body.code).toBe('INTAKE_PASSWORD_PROTECTED');
    expect(body.detailMessage.zh).toContain('PDF 文件有密码保护');
    expect(body.detailMessage.en).toContain('password-protected');
  });
});
