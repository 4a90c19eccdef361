import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { ImportOptionError, runImportFiles, type ImportReport } from '../../import/run.ts';
import type { ImportIssue } from '../../import/types.ts';
import { HttpError } from '../errors.ts';
import { parseOrThrow } from '../validate.ts';

/** Default cap on the size of one upload (all its files together): the full OFAC SDN trio is about 7 MB. */
export const DEFAULT_IMPORT_LIMIT = 100 * 1024 * 1024;
/** At most this many files in one upload. */
const MAX_FILES = 50;

const optionsBody = z
  .object({
    format: z.string({ error: 'give the format: ftm, bods, sdn, sites, csv or json' }).min(1),
    source: z.string().min(1).max(200).optional(),
    category: z.string().optional(),
    date: z.string().optional(),
    dryRun: z.enum(['true', 'false', '1', '0', 'on', '']).optional(),
  })
  .strict();

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`
    : `${Number((bytes / 1024).toFixed(1))} KiB`;
}

/** The name a file is saved under for the readers: the uploaded name without any folder, or a 400. */
function fileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (!base || base === '.' || base === '..' || [...base].some((c) => c.charCodeAt(0) < 32) || base.length > 200)
    throw new HttpError(400, 'INVALID_PARAMETER', `file name ${JSON.stringify(name)} is not usable`);
  return base;
}

/** The report with the temporary folder taken out of file names and messages: issues name the uploaded file. */
function withUploadedNames(report: ImportReport, dir: string): ImportReport {
  const prefix = `${dir}${sep}`;
  const strip = (issue: ImportIssue): ImportIssue => ({
    ...issue,
    file: issue.file.split(prefix).join(''),
    message: issue.message.split(prefix).join(''),
  });
  return { ...report, errors: report.errors.map(strip), warnings: report.warnings.map(strip) };
}

/**
 * `POST /api/import`: the upload counterpart of `lookthrough import`. A `multipart/form-data` body holds the files
 * (any field name; several at once, e.g. OFAC's sdn.csv with add.csv and alt.csv) and the fields `format`, and
 * optionally `source`, `category`, `date` and `dryRun`. The files are saved under their own names in a fresh
 * temporary folder and go through the same readers and loader as the CLI (src/import/run.ts). The answer is the
 * CLI's report: 200 when the files were valid (and loaded, unless a dry run), 422 with the same report (and an
 * `error`) when a file has errors, in which case nothing was written. One import runs at a time (409 otherwise).
 * Writes are guarded as every other /api/* route (the API token, when the server requires one: access.ts).
 */
export async function registerImportRoutes(
  app: FastifyInstance,
  db: Database,
  limit = DEFAULT_IMPORT_LIMIT,
  onLoaded: () => void = () => undefined,
): Promise<void> {
  let running = false;
  await app.register((scope, _options, done) => {
    // The body is buffered up to `limit` and parsed by the platform's own multipart reader (Request.formData).
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, next) =>
      next(null, body),
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        throw new HttpError(
          413,
          'UPLOAD_TOO_LARGE',
          `The upload is larger than this server's import limit of ${formatBytes(limit)}: start the server with a larger --import-limit (env LOOKTHROUGH_IMPORT_LIMIT_MB), or import the files with \`lookthrough import\`.`,
        );
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the files as multipart/form-data (e.g. curl -F format=sdn -F file=@sdn.csv).',
        );
      throw error;
    });

    scope.post('/api/import', { bodyLimit: limit }, async (request, reply) => {
      const contentType = request.headers['content-type'] ?? '';
      if (!Buffer.isBuffer(request.body) || !contentType.startsWith('multipart/form-data'))
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the files as multipart/form-data (e.g. curl -F format=sdn -F file=@sdn.csv).',
        );
      let form: FormData;
      try {
        form = await new Response(
          new Uint8Array(request.body.buffer as ArrayBuffer, request.body.byteOffset, request.body.byteLength),
          {
            headers: { 'content-type': contentType },
          },
        ).formData();
      } catch (error) {
        throw new HttpError(400, 'INVALID_BODY', `The multipart body could not be read: ${(error as Error).message}`);
      }
      const fields: Record<string, string> = {};
      const files: File[] = [];
      for (const [name, value] of form) {
        if (typeof value === 'string') fields[name] = value;
        else files.push(value);
      }
      const options = parseOrThrow(optionsBody, fields, 'body');
      if (files.length === 0) throw new HttpError(400, 'INVALID_PARAMETER', 'body: no file in the upload');
      if (files.length > MAX_FILES)
        throw new HttpError(400, 'INVALID_PARAMETER', `body: at most ${MAX_FILES} files in one upload`);
      const names = files.map((f) => fileName(f.name));
      const twice = names.find((n, i) => names.indexOf(n) !== i);
      if (twice) throw new HttpError(400, 'INVALID_PARAMETER', `body: two files are named ${twice}`);
      if (running)
        throw new HttpError(409, 'IMPORT_RUNNING', 'Another import is running on this server; try again when it ends.');

      running = true;
      const dir = await mkdtemp(join(tmpdir(), 'lookthrough-upload-'));
      try {
        const paths = names.map((n) => join(dir, n));
        await Promise.all(files.map(async (f, i) => writeFile(paths[i]!, Buffer.from(await f.arrayBuffer()))));
        const report = await runImportFiles(
          paths,
          {
            format: options.format,
            dryRun: ['true', '1', 'on'].includes(options.dryRun ?? ''),
            ...(options.source !== undefined ? { source: options.source } : {}),
            ...(options.category ? { category: options.category } : {}),
            ...(options.date ? { date: options.date } : {}),
          },
          { open: () => Promise.resolve({ db, close: () => Promise.resolve() }) },
        );
        const answer = withUploadedNames(report, dir);
        if (!answer.errors.length) {
          if (!answer.dryRun) onLoaded();
          return answer;
        }
        const count = answer.errors.length;
        return reply.status(422).send({
          ...answer,
          error: {
            code: 'IMPORT_INVALID',
            message: `${count} ${count === 1 ? 'error' : 'errors'} in the upload (listed in "errors"); the files were not loaded.`,
          },
        });
      } catch (error) {
        if (error instanceof ImportOptionError)
          throw new HttpError(400, 'INVALID_PARAMETER', `body parameter "${error.option}": ${error.message}`);
        throw error;
      } finally {
        running = false;
        await rm(dir, { recursive: true, force: true });
      }
    });
    done();
  });
}
