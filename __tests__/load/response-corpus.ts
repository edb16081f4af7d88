// Crafted HTTP/1.x responses for the differential test of the built-in client's parser against
// llhttp (parser-vs-llhttp.test.ts): every framing rule, bodiless statuses, interim responses,
// and the malformed heads and chunk lines that parsers disagree about.

/** One crafted response, sent as is in answer to one request. */
export interface CorpusCase {
  name: string;
  /** The bytes the server sends (latin1), then it holds the connection open a moment. */
  response: string;
  /** The request method (HEAD responses have no body). */
  method?: 'GET' | 'HEAD';
}

const CL5 = 'Content-Length: 5\r\n';

/** The corpus. */
export const CORPUS: CorpusCase[] = [
  { name: 'content-length', response: `HTTP/1.1 200 OK\r\n${CL5}\r\nhello` },
  { name: 'content-length 0', response: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n' },
  {
    name: 'large content-length',
    response: `HTTP/1.1 200 OK\r\nContent-Length: 20000\r\n\r\n${'x'.repeat(20000)}`,
  },
  {
    name: 'header names in any case',
    response: 'HTTP/1.1 200 OK\r\ncontent-LENGTH: 5\r\n\r\nhello',
  },
  {
    name: 'content-length with spaces around',
    response: 'HTTP/1.1 200 OK\r\nContent-Length:   5  \r\n\r\nhello',
  },
  {
    name: 'duplicate content-length, same value',
    response: `HTTP/1.1 200 OK\r\n${CL5}${CL5}\r\nhello`,
  },
  {
    name: 'duplicate content-length, different values',
    response: `HTTP/1.1 200 OK\r\n${CL5}Content-Length: 6\r\n\r\nhello!`,
  },
  { name: 'content-length list', response: 'HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello' },
  {
    name: 'content-length not a number',
    response: 'HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\nhello',
  },
  {
    name: 'content-length negative',
    response: 'HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello',
  },
  {
    name: 'content-length with a plus',
    response: 'HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello',
  },
  {
    name: 'chunked',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'chunked, several chunks, extensions and trailers',
    response:
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nhel\r\n2;x\r\nlo\r\n0\r\nX-T: 1\r\n\r\n',
  },
  {
    name: 'chunked, upper-case hex size',
    response: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n${'y'.repeat(10)}\r\n0\r\n\r\n`,
  },
  {
    name: 'chunked, leading zeros in size',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n005\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'chunked, "Chunked" in capitals',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'transfer-encoding split over two lines (gzip, then chunked)',
    response:
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'transfer-encoding list (gzip, chunked)',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'transfer-encoding, chunked not last',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nhello',
  },
  {
    name: 'transfer-encoding identity',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\nhello',
  },
  {
    name: 'transfer-encoding and content-length',
    response: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n${CL5}\r\n5\r\nhello\r\n0\r\n\r\n`,
  },
  {
    name: 'chunk size not hex',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'chunk data longer than its size',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'body framed by the end of the connection',
    response: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello',
  },
  { name: 'HTTP/1.0 with content-length', response: `HTTP/1.0 200 OK\r\n${CL5}\r\nhello` },
  { name: 'HTTP/1.0 framed by close', response: 'HTTP/1.0 200 OK\r\n\r\nhello' },
  {
    name: 'connection: close with content-length',
    response: `HTTP/1.1 200 OK\r\nConnection: close\r\n${CL5}\r\nhello`,
  },
  { name: '204 has no body', response: 'HTTP/1.1 204 No Content\r\n\r\n' },
  {
    name: '304 with content-length has no body',
    response: `HTTP/1.1 304 Not Modified\r\n${CL5}\r\n`,
  },
  {
    name: 'HEAD response with content-length has no body',
    response: `HTTP/1.1 200 OK\r\n${CL5}\r\n`,
    method: 'HEAD',
  },
  {
    name: '100 continue before the response',
    response: `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n${CL5}\r\nhello`,
  },
  {
    name: '103 early hints before the response',
    response: `HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\n${CL5}\r\nhello`,
  },
  { name: 'status 404 with body', response: `HTTP/1.1 404 Not Found\r\n${CL5}\r\nnope!` },
  { name: 'status line without reason phrase', response: `HTTP/1.1 200\r\n${CL5}\r\nhello` },
  { name: 'status line with empty reason phrase', response: `HTTP/1.1 200 \r\n${CL5}\r\nhello` },
  {
    name: 'long reason phrase',
    response: `HTTP/1.1 200 All Very Much OK Indeed\r\n${CL5}\r\nhello`,
  },
  { name: 'lines ended by a bare LF', response: 'HTTP/1.1 200 OK\nContent-Length: 5\n\nhello' },
  {
    name: 'chunk lines ended by a bare LF',
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n',
  },
  { name: 'folded header line', response: `HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\n${CL5}\r\nhello` },
  {
    name: 'space before the colon',
    response: 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello',
  },
  {
    name: 'header line without a colon',
    response: `HTTP/1.1 200 OK\r\nNoColonHere\r\n${CL5}\r\nhello`,
  },
  { name: 'HTTP/2.0 status line', response: `HTTP/2.0 200 OK\r\n${CL5}\r\nhello` },
  { name: 'not HTTP at all', response: 'SSH-2.0-OpenSSH_9.2\r\n\r\n' },
  { name: 'status code of two digits', response: `HTTP/1.1 20 OK\r\n${CL5}\r\nhello` },
];
