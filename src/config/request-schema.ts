import { z } from 'zod';
import { DEFAULT_METHOD } from './defaults.ts';
import { controlCharIn } from './limits.ts';

// One HTTP request as written in perfgate.yml: single-request workloads, sequence steps and
// setup steps share it. Part of the config schema (schema.ts), split out by subject.

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const STATUS_EXPECTED = 'expected an HTTP status code from 100 to 599';

const statusCode = z
  .number()
  .int(STATUS_EXPECTED)
  .min(100, STATUS_EXPECTED)
  .max(599, STATUS_EXPECTED);

const httpMethod = z.enum(HTTP_METHODS).meta({ description: 'HTTP method (upper case).' });

/** RFC 9110 section 5.1: a field name is a token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headers = z
  .record(
    z.string().regex(HEADER_NAME, "expected a header name (letters, digits and !#$%&'*+.^_`|~-)"),
    z
      .string()
      .refine(
        (v) => controlCharIn(v, true) === null,
        'expected a header value without control characters (CR, LF, NUL, ...)',
      ),
  )
  .meta({ description: 'Request headers, name to value. Values may use {{captured}} values.' });

const body = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).meta({
  description:
    'Request body: a string sent as is, or an object/array sent as JSON (content-type defaults to application/json). Strings may use {{captured}} values.',
});

const expect = z
  .strictObject({
    status: z
      .union([statusCode, z.array(statusCode).min(1)], { error: STATUS_EXPECTED })
      .optional()
      .meta({ description: 'Expected status code(s). Default: any 2xx.' }),
    body: z.string().optional().meta({
      description:
        'Text the response body must contain; a response without it counts as a body mismatch.',
    }),
  })
  .meta({
    id: 'expect',
    description: 'Checks on each response; failures count as errors of their kind.',
  });

const capture = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name of letters, digits and _'),
    z
      .string()
      .regex(
        /^(body(\.[^.\s]+)*|headers\.[A-Za-z0-9-]+|status)$/,
        'expected "body", "body.<field>[.<field>...]", "headers.<name>" or "status"',
      ),
  )
  .meta({
    description:
      'Values to capture from this response for later steps, name to source: "body.id" (a field of the JSON body, nested with dots, array items by index), "headers.location", "status". Use them as {{name}}.',
  });

/** One HTTP request; used for single-request workloads, sequence steps and setup steps. */
export const requestSchema = z
  .strictObject({
    method: httpMethod.default(DEFAULT_METHOD),
    path: z
      .string()
      .startsWith('/', 'expected a path starting with "/"')
      .refine(
        (v) => controlCharIn(v) === null,
        'expected a path without control characters (NUL, CR, LF, tab, ...); percent-encode them',
      )
      .meta({
        description: 'Request path and query, relative to server.url; may use {{captured}} values.',
      }),
    headers: headers.optional(),
    body: body.optional(),
    expect: expect.optional(),
    capture: capture.optional(),
  })
  .meta({ id: 'request', description: 'One HTTP request.' });
