/*
 * perfgate's C load client: closed-model HTTP/1.1 load of one fixed request over
 * keep-alive TCP connections, on one epoll loop. It is the built-in client (connection.ts,
 * http1-response-parser.ts) with the same rules, written in C so that a request costs the
 * client what it costs wrk: one write and one read system call, no allocation, no callbacks.
 * perfgate compiles it on first use with the machine's C compiler (src/load/c-client.ts) and
 * falls back to the built-in client where there is none.
 *
 * Usage:
 *   load-client run KEY=VALUE...   the request's bytes on stdin; results on stdout
 *   load-client parse [HEAD] [bytewise]   parse a response stream from stdin (the differential
 *                                         test of the parser, parser-vs-llhttp.test.ts)
 *
 * run keys: addr (an IP address), port, connections, duration_ms (0: a run bounded by
 * requests), requests, timeout_ms, head (1: the request is HEAD), resend (1: the method is
 * idempotent, so a request a kept-alive connection drops unanswered is sent again, once).
 * While running it prints "progress <elapsed ms> <responses>" every second; at the end one
 * "key value" line per figure and "hist <bucket> <count>" lines of the latency histogram
 * (HdrHistogram's layout with 3 significant digits, as latency-recorder.ts). Exit 0 after a
 * run (its errors are counted, not fatal), 2 for bad arguments, 3 when the run cannot start.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* ---- latency histogram (latency-recorder.ts) ---- */

#define SUB_HALF_MAG 10
#define SUB_HALF (1 << SUB_HALF_MAG)
#define HIGHEST_US 60000000
static int64_t *hist;
static int hist_len;
static int64_t hist_total, hist_max;

static int hist_index(int64_t v) {
  int b = 63 - __builtin_clzll((unsigned long long)v) - SUB_HALF_MAG;
  if (b < 0) b = 0;
  return (b + 1) * SUB_HALF + (int)((v >> b) - SUB_HALF);
}

static void hist_record(int64_t us) {
  if (us < 1) us = 1;
  if (us > HIGHEST_US) us = HIGHEST_US;
  if (us > hist_max) hist_max = us;
  hist[hist_index(us)]++;
  hist_total++;
}

/* ---- response parser (http1-head.ts, http1-response-parser.ts) ---- */

#define MAX_HEAD (64 * 1024)
/* How long the end of a run waits for the requests overdue when it ended (see drain). */
#define DRAIN_MS 1000
enum { F_LENGTH, F_CHUNKED, F_CLOSE };
enum { C_SIZE, C_DATA, C_DATA_END, C_TRAILERS, C_DONE };

typedef struct {
  char *pending; /* an incomplete head or chunk line */
  size_t pending_len, pending_cap;
  int active, framing, chunk;
  int64_t remaining;
  /* the response being received */
  int status, keep_alive;
  int64_t bytes;
} parser_t;

typedef struct {
  int status;
  int64_t bytes;
  int keep_alive;
} response_t;

/* What the parser asks of its connection and tells it. */
typedef struct {
  int (*is_head)(void *ctx);
  /* returns 0 to stop parsing this input */
  int (*on_response)(void *ctx, const response_t *r);
  void *ctx;
} sink_t;

static char parse_error[160];

static int lower_c(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int equals_lower(const char *s, size_t n, const char *lower) {
  size_t m = strlen(lower);
  if (n != m) return 0;
  for (size_t k = 0; k < m; k++)
    if (lower_c((unsigned char)s[k]) != lower[k]) return 0;
  return 1;
}

/* The value start when line[0, n) is a header named `name`, else -1. */
static long value_of(const char *line, size_t n, const char *name) {
  size_t m = strlen(name);
  if (n <= m) return -1;
  for (size_t k = 0; k < m; k++)
    if (lower_c((unsigned char)line[k]) != name[k]) return -1;
  size_t i = m;
  while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
  return i < n && line[i] == ':' ? (long)i + 1 : -1;
}

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c || c == 0xa0;
}

/* Whether the lower-cased value[0, n) holds `word` between non-word characters. */
static int has_word(const char *v, size_t n, const char *word) {
  size_t m = strlen(word);
  for (size_t i = 0; i + m <= n; i++) {
    size_t k = 0;
    while (k < m && lower_c((unsigned char)v[i + k]) == word[k]) k++;
    if (k < m) continue;
    int before = i == 0 || !(isalnum((unsigned char)v[i - 1]) || v[i - 1] == '_');
    int after = i + m == n || !(isalnum((unsigned char)v[i + m]) || v[i + m] == '_');
    if (before && after) return 1;
  }
  return 0;
}

static void set_error(const char *what, const char *s, size_t n) {
  char shown[64];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof shown - 1; i++) {
    if (s[i] == '\r' || s[i] == '\n') break;
    shown[k++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
  }
  shown[k] = 0;
  snprintf(parse_error, sizeof parse_error, "%s \"%s\"", what, shown);
}

/* A Content-Length value: digits only, a safe integer (2^53 - 1). */
static int64_t parse_length(const char *v, size_t n) {
  if (n == 0) return -2;
  int64_t x = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9') return -2;
    if (x > (9007199254740991LL - (v[i] - '0')) / 10) return -2;
    x = x * 10 + (v[i] - '0');
  }
  return x;
}

typedef struct {
  int status, http10, chunked, close, keep_alive_token;
  int64_t length;
} head_t;

/*
 * Reads the head at buf[0, n): returns the offset past its blank line, 0 while incomplete, -1
 * for a protocol error (parse_error says which).
 */
static long read_head(const char *buf, size_t n, head_t *h) {
  const char *lf = memchr(buf, '\n', n);
  if (!lf) return 0;
  size_t end = (size_t)(lf - buf);
  size_t line_end = end > 0 && buf[end - 1] == '\r' ? end - 1 : end;
  /* the status line: HTTP/1.x NNN[ reason] */
  int ok = line_end >= 12 && memcmp(buf, "HTTP/1.", 7) == 0 && (buf[7] == '0' || buf[7] == '1') &&
           buf[8] == ' ';
  int status = 0;
  for (int k = 9; ok && k < 12; k++) {
    ok = buf[k] >= '0' && buf[k] <= '9';
    status = status * 10 + (buf[k] - '0');
  }
  ok = ok && (line_end == 12 || buf[12] == ' ' || buf[12] == '\r');
  if (!ok) {
    set_error("not an HTTP/1.x status line:", buf, line_end);
    return -1;
  }
  h->status = status;
  h->http10 = buf[7] == '0';
  h->length = -1;
  h->chunked = h->close = h->keep_alive_token = 0;
  const char *cl = NULL, *te = NULL;
  size_t cl_n = 0, te_n = 0;
  int cl_conflict = 0;
  size_t i = end + 1;
  for (;;) {
    if (i >= n) return 0;
    lf = memchr(buf + i, '\n', n - i);
    if (!lf) return 0;
    end = (size_t)(lf - buf);
    line_end = end > i && buf[end - 1] == '\r' ? end - 1 : end;
    if (line_end == i) break; /* the blank line */
    const char *line = buf + i;
    size_t len = line_end - i;
    int first = lower_c((unsigned char)line[0]);
    if (first == 'c' || first == 't') {
      long v;
      int kind = 0;
      if ((v = value_of(line, len, "content-length")) >= 0) kind = 1;
      else if ((v = value_of(line, len, "connection")) >= 0) kind = 2;
      else if ((v = value_of(line, len, "transfer-encoding")) >= 0) kind = 3;
      if (kind) {
        size_t a = (size_t)v, e = len;
        while (a < e && is_space((unsigned char)line[a])) a++;
        while (e > a && is_space((unsigned char)line[e - 1])) e--;
        const char *val = line + a;
        size_t vn = e - a;
        if (kind == 1) {
          /* repeated values are compared as text (case-insensitively) */
          if (cl && (cl_n != vn || strncasecmp(cl, val, vn) != 0)) cl_conflict = 1;
          cl = val;
          cl_n = vn;
        } else if (kind == 3) {
          te = val; /* the last Transfer-Encoding line decides (http1-head.ts) */
          te_n = vn;
        } else if (equals_lower(val, vn, "keep-alive")) {
          h->keep_alive_token = 1;
        } else if (equals_lower(val, vn, "close")) {
          h->close = 1;
        } else {
          if (has_word(val, vn, "close")) h->close = 1;
          if (has_word(val, vn, "keep-alive")) h->keep_alive_token = 1;
        }
      }
    }
    i = end + 1;
  }
  if (cl_conflict) {
    set_error("conflicting content-length values, the last", cl, cl_n);
    return -1;
  }
  if (cl) {
    h->length = parse_length(cl, cl_n);
    if (h->length < 0) {
      set_error("bad content-length", cl, cl_n);
      return -1;
    }
  }
  if (te) {
    /* chunked when it is the last coding: ", chunked" or "chunked" at the end */
    size_t m = 7;
    if (te_n >= m && strncasecmp(te + te_n - m, "chunked", m) == 0) {
      size_t k = te_n - m;
      while (k > 0 && is_space((unsigned char)te[k - 1])) k--;
      h->chunked = k == 0 || te[k - 1] == ',';
    }
  }
  return (long)end + 1;
}

static int keep_pending(parser_t *p, const char *s, size_t n) {
  if (n > p->pending_cap) {
    size_t cap = n < 4096 ? 4096 : n * 2;
    char *grown = realloc(p->pending, cap);
    if (!grown) return -1;
    p->pending = grown;
    p->pending_cap = cap;
  }
  memmove(p->pending, s, n);
  p->pending_len = n;
  return 0;
}

/* Reads a head at buf[i]: the offset past it, 0 while incomplete (kept), -1 on error. */
static long start_response(parser_t *p, const char *buf, size_t i, size_t n, const sink_t *sink) {
  for (size_t k = 0; k < 5 && i + k < n; k++) {
    if (buf[i + k] != "HTTP/"[k]) {
      set_error("not an HTTP/1.x status line:", buf + i, n - i < 40 ? n - i : 40);
      return -1;
    }
  }
  head_t h;
  long used = read_head(buf + i, n - i, &h);
  if (used < 0) return -1;
  if (used == 0) {
    if (n - i > MAX_HEAD) {
      snprintf(parse_error, sizeof parse_error, "response head over 64 KiB");
      return -1;
    }
    if (keep_pending(p, buf + i, n - i) < 0) return -1;
    return 0;
  }
  size_t after = i + (size_t)used;
  if (h.status >= 100 && h.status < 200 && h.status != 101) return (long)after;
  int no_body = h.status == 204 || h.status == 304 || h.status == 101 || sink->is_head(sink->ctx);
  p->framing = no_body ? F_LENGTH : h.chunked ? F_CHUNKED : h.length >= 0 ? F_LENGTH : F_CLOSE;
  p->remaining = no_body ? 0 : h.length;
  p->chunk = C_SIZE;
  int keep = h.http10 ? h.keep_alive_token : !h.close;
  p->status = h.status;
  p->bytes = used;
  p->keep_alive = keep && p->framing != F_CLOSE;
  p->active = 1;
  return (long)after;
}

/* Consumes chunked body bytes from buf[i, n): where it stopped, or -1 on error. */
static long feed_chunked(parser_t *p, const char *buf, size_t i, size_t n, int *kept) {
  while (i < n && p->chunk != C_DONE) {
    if (p->chunk == C_DATA) {
      size_t m = (size_t)p->remaining < n - i ? (size_t)p->remaining : n - i;
      p->bytes += (int64_t)m;
      p->remaining -= (int64_t)m;
      i += m;
      if (p->remaining == 0) p->chunk = C_DATA_END;
      continue;
    }
    const char *lf = memchr(buf + i, '\n', n - i);
    if (!lf) {
      if (n - i > MAX_HEAD) {
        snprintf(parse_error, sizeof parse_error, "chunk line over 64 KiB");
        return -1;
      }
      if (keep_pending(p, buf + i, n - i) < 0) return -1;
      *kept = 1;
      return (long)n;
    }
    size_t eol = (size_t)(lf - buf);
    size_t line_end = eol > i && buf[eol - 1] == '\r' ? eol - 1 : eol;
    const char *line = buf + i;
    size_t len = line_end - i;
    p->bytes += (int64_t)(eol + 1 - i);
    i = eol + 1;
    if (p->chunk == C_SIZE) {
      /* hex digits up to ';' (like parseInt(..., 16): leading spaces, digits, then anything) */
      size_t k = 0;
      while (k < len && is_space((unsigned char)line[k])) k++;
      if (k < len && line[k] == '+') k++;
      else if (k < len && line[k] == '-') {
        set_error("bad chunk size", line, len);
        return -1;
      }
      if (k + 1 < len && line[k] == '0' && (line[k + 1] == 'x' || line[k + 1] == 'X')) k += 2;
      int64_t size = 0;
      size_t digits = 0;
      for (; k < len; k++, digits++) {
        int c = lower_c((unsigned char)line[k]);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) break;
        if (size > (9007199254740991LL - d) / 16) {
          digits = 0;
          break;
        }
        size = size * 16 + d;
      }
      if (digits == 0) {
        set_error("bad chunk size", line, len);
        return -1;
      }
      if (size == 0) p->chunk = C_TRAILERS;
      else {
        p->chunk = C_DATA;
        p->remaining = size;
      }
    } else if (p->chunk == C_DATA_END) {
      if (len != 0) {
        snprintf(parse_error, sizeof parse_error, "chunk data longer than its size");
        return -1;
      }
      p->chunk = C_SIZE;
    } else if (len == 0) {
      p->chunk = C_DONE;
    }
  }
  return (long)i;
}

/* Feeds input[0, n): 0, or -1 on a protocol error. */
static int parser_feed(parser_t *p, const char *input, size_t n, const sink_t *sink) {
  const char *buf = input;
  char *joined = NULL;
  if (p->pending_len) {
    joined = malloc(p->pending_len + n);
    if (!joined) return -1;
    memcpy(joined, p->pending, p->pending_len);
    memcpy(joined + p->pending_len, input, n);
    n += p->pending_len;
    p->pending_len = 0;
    buf = joined;
  }
  size_t i = 0;
  int rc = 0;
  while (i < n) {
    int kept = 0;
    if (!p->active) {
      long after = start_response(p, buf, i, n, sink);
      if (after < 0) {
        rc = -1;
        break;
      }
      if (after == 0) break; /* incomplete head, kept */
      i = (size_t)after;
      if (!p->active) continue; /* an interim 1xx response */
    }
    if (p->framing == F_CHUNKED) {
      long at = feed_chunked(p, buf, i, n, &kept);
      if (at < 0) {
        rc = -1;
        break;
      }
      i = (size_t)at;
    } else if (p->framing == F_CLOSE) {
      p->bytes += (int64_t)(n - i);
      i = n;
    } else {
      size_t m = (size_t)p->remaining < n - i ? (size_t)p->remaining : n - i;
      p->bytes += (int64_t)m;
      p->remaining -= (int64_t)m;
      i += m;
    }
    int complete = !kept && ((p->framing == F_LENGTH && p->remaining == 0) ||
                             (p->framing == F_CHUNKED && p->chunk == C_DONE));
    if (complete) {
      p->active = 0;
      response_t r = {p->status, p->bytes, p->keep_alive};
      if (!sink->on_response(sink->ctx, &r)) break;
    }
    if (kept) break;
  }
  free(joined);
  return rc;
}

/* The connection ended: 1 with *r for a body framed by the close, 0 for none, -1 if cut off. */
static int parser_end(parser_t *p, response_t *r) {
  if (p->active && p->framing == F_CLOSE) {
    p->active = 0;
    r->status = p->status;
    r->bytes = p->bytes;
    r->keep_alive = 0;
    return 1;
  }
  if (p->active || p->pending_len) return -1;
  return 0;
}

static void parser_reset(parser_t *p) {
  p->pending_len = 0;
  p->active = 0;
}

/* ---- the run (native-engine.ts, connection.ts) ---- */

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

enum { E_CONNECTION, E_TIMEOUT, E_STATUS, E_PROTOCOL, E_INCOMPLETE, E_KINDS };
static const char *error_names[E_KINDS] = {"connection", "timeout", "status", "protocol",
                                           "incomplete"};

typedef struct {
  int index;
  uint32_t gen; /* counts sockets, so an event of a closed one is not taken for the next */
  int fd;
  int preconnect_done; /* the connect before the run succeeded or failed */
  parser_t parser;
  int connected;
  int live;              /* the run has started: send when connected */
  int preconnect_failed; /* the connect before the run failed: counted at start */
  int inflight;          /* a request is on the wire */
  int inflight_resent, resend;
  int64_t sent_at;           /* ns */
  int64_t connecting_since;  /* ns, or -1 once connected */
  int64_t served;            /* responses on the current socket */
  int64_t budget;            /* requests left (INT64_MAX in a timed run) */
  int failures;
  int64_t reopen_at;         /* ns, or 0: no reopen pending */
  size_t written;            /* bytes of the request written so far */
  int answered;              /* a response completed during the current read */
  int64_t answered_at;
  int late; /* overdue when the run ended: incomplete unless it is answered in the drain */
} conn_t;

static struct {
  struct sockaddr_storage addr;
  socklen_t addr_len;
  int connections;
  int64_t duration_ms, requests, timeout_ms;
  int head, resend;
  char *request;
  size_t request_len;
} cfg;

static conn_t *conns;
static int ep;
static int stopped, started, measuring = 1, timed;
static int reopens; /* connections waiting to be opened again (reopen_at set) */
static int64_t t0, ends_at = INT64_MAX, last_response_at, finished, amount;
static int64_t responses, bytes_total, errors[E_KINDS];
static int64_t status_counts[1000];
static struct rusage ru0;
static volatile sig_atomic_t terminated;
static char read_buf[64 * 1024];

static void finish(void);
static void conn_open(conn_t *c);
static void conn_reopen(conn_t *c);
static void conn_send(conn_t *c, int64_t now);

static void settled(int64_t now) {
  finished++;
  if (!timed) {
    last_response_at = now;
    if (finished >= amount) finish();
  }
}

static void conn_drop(conn_t *c) {
  if (c->fd >= 0) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
  }
  c->fd = -1;
}

static void next_step(conn_t *c, int64_t now) {
  (void)c;
  settled(now);
}

/* The request in flight failed: count it and go on. */
static void conn_failed(conn_t *c, int kind, int64_t now) {
  if (!c->inflight) return;
  c->inflight = 0;
  c->failures++;
  if (measuring) errors[kind]++;
  next_step(c, now);
}

/* No connection to send on: one error, standing for a request in a run bounded by a count. */
static void conn_unsent(conn_t *c, int kind, int64_t now) {
  c->failures++;
  if (measuring) errors[kind]++;
  if (!timed) {
    c->budget--;
    settled(now);
  }
}

static void conn_receive(conn_t *c, const response_t *r, int64_t now) {
  c->answered_at = now;
  if (now >= ends_at) {
    finish(); /* after the run: not counted */
    return;
  }
  if (!c->inflight) return; /* a response nobody asked for */
  c->inflight = 0;
  c->failures = 0;
  c->served++;
  if (measuring) {
    responses++;
    bytes_total += r->bytes;
    if (r->status >= 0 && r->status < 1000) status_counts[r->status]++;
    hist_record((now - c->sent_at + 500) / 1000);
    if (!(r->status >= 200 && r->status < 300)) errors[E_STATUS]++;
  }
  next_step(c, now);
}

static int sink_is_head(void *ctx) {
  conn_t *c = ctx;
  return c->inflight && cfg.head;
}

static int sink_on_response(void *ctx, const response_t *r) {
  conn_t *c = ctx;
  if (c->fd < 0) return 0;
  c->answered = 1;
  conn_receive(c, r, now_ns());
  if (stopped) return 0;
  if (!r->keep_alive) {
    conn_drop(c); /* the server closes it: open the next one */
    conn_reopen(c);
    return 0;
  }
  return c->fd >= 0;
}

static void conn_on_close(conn_t *c, int64_t now) {
  conn_drop(c);
  if (!c->live) {
    /* before the run: a failed connect is counted when the run starts; a connection the
       server closed while idle is opened again */
    if (c->connected) {
      conn_reopen(c);
      return;
    }
    if (!c->preconnect_done) {
      c->preconnect_done = 1;
      c->preconnect_failed = 1;
      return;
    }
    conn_reopen(c);
    return;
  }
  if (!c->connected) {
    conn_unsent(c, E_CONNECTION, now);
    conn_reopen(c);
    return;
  }
  response_t last;
  int got = parser_end(&c->parser, &last);
  if (got == 1) conn_receive(c, &last, now);
  else if (c->inflight && got == 0 && c->served > 0 && cfg.resend && !c->inflight_resent) {
    /* a kept-alive connection closed as the request went out: send it again, once */
    c->inflight = 0;
    c->budget++;
    c->resend = 1;
  } else if (c->inflight)
    conn_failed(c, got < 0 ? E_PROTOCOL : E_CONNECTION, now);
  if (!stopped) conn_reopen(c);
}

static void conn_reopen(conn_t *c) {
  if (stopped || c->budget <= 0) return;
  if (c->failures == 0) {
    conn_open(c);
    return;
  }
  int64_t delay_ms = c->failures >= 7 ? 100 : (1 << c->failures);
  if (delay_ms > 100) delay_ms = 100;
  if (!c->reopen_at) reopens++;
  c->reopen_at = now_ns() + delay_ms * 1000000LL;
}

static void conn_open(conn_t *c) {
  if (c->reopen_at) reopens--;
  c->reopen_at = 0;
  if (stopped) return;
  parser_reset(&c->parser);
  c->served = 0;
  c->connected = 0;
  c->written = 0;
  c->connecting_since = now_ns();
  int fd = socket(cfg.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    c->fd = -1;
    conn_on_close(c, now_ns());
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  c->fd = fd;
  c->gen++;
  struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP,
                           .data.u64 = ((uint64_t)c->gen << 32) | (uint32_t)c->index};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  if (connect(fd, (struct sockaddr *)&cfg.addr, cfg.addr_len) < 0 && errno != EINPROGRESS) {
    conn_on_close(c, now_ns());
  }
}

static void want_write(conn_t *c, int on) {
  struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0),
                           .data.u64 = ((uint64_t)c->gen << 32) | (uint32_t)c->index};
  epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes what is left of the request: 0, or -1 when the socket failed. */
static int conn_flush(conn_t *c) {
  while (c->written < cfg.request_len) {
    ssize_t w = send(c->fd, cfg.request + c->written, cfg.request_len - c->written, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        want_write(c, 1);
        return 0;
      }
      if (errno == EINTR) continue;
      return -1;
    }
    c->written += (size_t)w;
  }
  return 0;
}

static void conn_send(conn_t *c, int64_t now) {
  if (stopped || c->fd < 0 || c->budget <= 0 || !c->live || !c->connected) return;
  c->budget--;
  c->inflight = 1;
  c->sent_at = now;
  c->inflight_resent = c->resend;
  c->resend = 0;
  c->written = 0;
  if (conn_flush(c) < 0) conn_on_close(c, now_ns());
}

static void conn_on_connect(conn_t *c) {
  int err = 0;
  socklen_t len = sizeof err;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
  if (err) {
    conn_on_close(c, now_ns());
    return;
  }
  c->connected = 1;
  c->connecting_since = -1;
  c->preconnect_done = 1;
  want_write(c, 0);
  if (c->live) conn_send(c, now_ns());
}

static void conn_on_read(conn_t *c) {
  for (;;) {
    ssize_t n = recv(c->fd, read_buf, sizeof read_buf, 0);
    if (n == 0) {
      conn_on_close(c, now_ns());
      return;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      conn_on_close(c, now_ns());
      return;
    }
    c->answered = 0;
    sink_t sink = {sink_is_head, sink_on_response, c};
    int fd = c->fd;
    if (parser_feed(&c->parser, read_buf, (size_t)n, &sink) < 0) {
      if (c->fd != fd) return;
      conn_drop(c);
      conn_failed(c, E_PROTOCOL, now_ns());
      if (!stopped) conn_reopen(c);
      return;
    }
    if (stopped || c->fd != fd) return;
    if (c->answered && !c->inflight) conn_send(c, c->answered_at);
    if ((size_t)n < sizeof read_buf) break;
  }
}

static void check_timeouts(int64_t now) {
  int64_t limit = cfg.timeout_ms * 1000000LL;
  for (int i = 0; i < cfg.connections && !stopped; i++) {
    conn_t *c = &conns[i];
    int64_t since = c->inflight ? c->sent_at : c->connecting_since;
    if (since < 0 || now - since < limit || c->fd < 0) continue;
    conn_drop(c);
    if (c->inflight) conn_failed(c, E_TIMEOUT, now);
    else conn_unsent(c, E_TIMEOUT, now);
    conn_reopen(c);
  }
}

static int64_t usec(const struct timeval *tv) {
  return (int64_t)tv->tv_sec * 1000000LL + tv->tv_usec;
}

/* What the run measured, kept by finish() and printed by report() after the drain. */
static int finished_run;
static int64_t end_elapsed, end_cpu_us;
static long end_maxrss;

/* The response of a late request came during the drain: it was answered, not lost. */
static int sink_late_response(void *ctx, const response_t *r) {
  (void)r;
  conn_t *c = ctx;
  c->late = 0;
  return 0;
}

/*
 * After the run: waits up to DRAIN_MS for the requests that were overdue when it ended (see
 * finish). One the server still answers was held up, by a stall of the machine, say, at the end
 * of a short run; one it does not answer, or whose connection closes first, is incomplete.
 */
static void drain(void) {
  int64_t limit = cfg.timeout_ms < DRAIN_MS ? cfg.timeout_ms : DRAIN_MS;
  int64_t deadline = now_ns() + limit * 1000000LL;
  struct epoll_event events[64];
  for (;;) {
    int waiting = 0;
    for (int i = 0; i < cfg.connections; i++) {
      conn_t *c = &conns[i];
      if (c->late && c->fd < 0) { /* closed unanswered */
        c->late = 0;
        errors[E_INCOMPLETE]++;
      }
      if (c->late) waiting++;
    }
    int64_t left = deadline - now_ns();
    if (waiting == 0 || left <= 0 || terminated) break;
    int n = epoll_wait(ep, events, 64, (int)((left + 999999) / 1000000));
    for (int k = 0; k < n; k++) {
      conn_t *c = &conns[(uint32_t)events[k].data.u64];
      if (c->fd < 0 || !c->late || c->gen != (uint32_t)(events[k].data.u64 >> 32)) continue;
      ssize_t got = recv(c->fd, read_buf, sizeof read_buf, 0);
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
      sink_t sink = {sink_is_head, sink_late_response, c};
      if (got <= 0 || parser_feed(&c->parser, read_buf, (size_t)got, &sink) < 0) conn_drop(c);
      else if (!c->late) conn_drop(c);
    }
  }
  for (int i = 0; i < cfg.connections; i++) {
    conn_t *c = &conns[i];
    if (c->late) errors[E_INCOMPLETE]++;
    c->late = 0;
    conn_drop(c);
  }
}

/* The run is over: no more requests; what it measured is kept for report(). */
static void finish(void) {
  if (stopped) return;
  int64_t now = now_ns();
  int64_t window = now - t0;
  /* overdue: longer than the slowest response of the run and than half the run */
  int64_t overdue = hist_max * 1000LL;
  if (window / 2 > overdue) overdue = window / 2;
  for (int i = 0; i < cfg.connections; i++) {
    conn_t *c = &conns[i];
    c->late = c->inflight && measuring && c->fd >= 0 && now - c->sent_at > overdue;
    if (!c->late) conn_drop(c);
    else want_write(c, 0); /* the drain only reads */
  }
  stopped = 1;
  measuring = 0;
  finished_run = 1;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  end_elapsed = (!timed && responses > 0 ? last_response_at : now) - t0;
  end_cpu_us = usec(&ru.ru_utime) + usec(&ru.ru_stime) - usec(&ru0.ru_utime) - usec(&ru0.ru_stime);
  end_maxrss = ru.ru_maxrss;
}

static void report(void) {
  printf("elapsed_ns %lld\n", (long long)end_elapsed);
  printf("cpu_us %lld\n", (long long)end_cpu_us);
  printf("maxrss_kb %ld\n", end_maxrss);
  printf("responses %lld\nbytes %lld\n", (long long)responses, (long long)bytes_total);
  for (int k = 0; k < E_KINDS; k++) printf("error %s %lld\n", error_names[k], (long long)errors[k]);
  for (int s = 0; s < 1000; s++)
    if (status_counts[s]) printf("status %d %lld\n", s, (long long)status_counts[s]);
  printf("max_us %lld\n", (long long)hist_max);
  for (int i = 0; i < hist_len; i++)
    if (hist[i]) printf("hist %d %lld\n", i, (long long)hist[i]);
  printf("end\n");
  fflush(stdout);
}

static void start_run(void) {
  if (started) return;
  started = 1;
  getrusage(RUSAGE_SELF, &ru0);
  t0 = now_ns();
  last_response_at = t0;
  if (timed) ends_at = t0 + cfg.duration_ms * 1000000LL;
  for (int i = 0; i < cfg.connections && !stopped; i++) {
    conn_t *c = &conns[i];
    c->live = 1;
    if (c->preconnect_failed) {
      c->preconnect_failed = 0;
      conn_unsent(c, E_CONNECTION, t0);
      conn_reopen(c);
    } else if (c->connected && c->fd >= 0) {
      conn_send(c, t0);
    }
  }
}

static void on_term(int sig) {
  (void)sig;
  terminated = 1;
}

static int parse_args(int argc, char **argv) {
  const char *addr = NULL;
  int port = 0;
  cfg.connections = 1;
  cfg.timeout_ms = 10000;
  for (int i = 2; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) return -1;
    *eq = 0;
    const char *k = argv[i], *v = eq + 1;
    long long x = atoll(v);
    if (!strcmp(k, "addr")) addr = v;
    else if (!strcmp(k, "port")) port = (int)x;
    else if (!strcmp(k, "connections")) cfg.connections = (int)x;
    else if (!strcmp(k, "duration_ms")) cfg.duration_ms = x;
    else if (!strcmp(k, "requests")) cfg.requests = x;
    else if (!strcmp(k, "timeout_ms")) cfg.timeout_ms = x;
    else if (!strcmp(k, "head")) cfg.head = x != 0;
    else if (!strcmp(k, "resend")) cfg.resend = x != 0;
    else return -1;
  }
  if (!addr || port <= 0 || port > 65535 || cfg.connections < 1 || cfg.timeout_ms < 1) return -1;
  if (cfg.duration_ms <= 0 && cfg.requests <= 0) return -1;
  struct sockaddr_in *a4 = (struct sockaddr_in *)&cfg.addr;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&cfg.addr;
  if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    cfg.addr_len = sizeof *a4;
  } else if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    cfg.addr_len = sizeof *a6;
  } else {
    return -1;
  }
  return 0;
}

static int read_stdin(char **out, size_t *len) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  if (!buf) return -1;
  for (;;) {
    if (n == cap) {
      char *grown = realloc(buf, cap *= 2);
      if (!grown) return -1;
      buf = grown;
    }
    ssize_t r = read(0, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) break;
    n += (size_t)r;
  }
  *out = buf;
  *len = n;
  return 0;
}

/*
 * With NAP_MIN_CONNECTIONS or more connections, the run takes the answers that came in the last
 * nap_ns (PERFGATE_C_NAP_US, default 20 us; 0 turns it off) instead of sleeping in epoll_wait
 * until the next one comes. An answer that arrives while the client sleeps in epoll_wait has to
 * wake it, and on loopback that wake-up (a cross-CPU interrupt) is paid on the server's CPU, once
 * per response when the client is faster than the server: measured with nginx on one CPU, that
 * cost nginx 7-17% of its requests/s against wrk, which is busy with each response longer and so
 * is never woken (bench:loadgen). Napping, the client reads the answers in batches and sends the
 * next requests together, which the server also handles in fewer system calls. When a nap finds
 * nothing the client sleeps in epoll_wait as before, so an idle or slow server costs one nap per
 * wait. The latency of an answer that arrives during a nap includes the rest of the nap (10 us on
 * average at 20 us), as wrk's includes its time on the answers before it; with fewer connections
 * the client wakes for each answer.
 */
#define NAP_MIN_CONNECTIONS 8
static long nap_ns = 20000;

/* Reads PERFGATE_C_NAP_US: a whole number of microseconds below 1,000; -1 (with the reason on
 * stderr) for anything else, so that a typo does not quietly change how the run is timed. */
static int setup_nap(void) {
  const char *v = getenv("PERFGATE_C_NAP_US");
  if (v && *v) {
    char *end = NULL;
    errno = 0;
    long us = strtol(v, &end, 10);
    if (errno != 0 || *end != '\0' || us < 0 || us >= 1000) {
      fprintf(stderr,
              "perfgate load-client: PERFGATE_C_NAP_US is \"%s\"; it must be a whole number of "
              "microseconds from 0 (no nap) to 999, or unset (20)\n",
              v);
      return -1;
    }
    nap_ns = us * 1000L;
  }
  if (cfg.connections < NAP_MIN_CONNECTIONS) nap_ns = 0;
  /* the default timer slack (50 us) would make every nap several times longer */
  if (nap_ns > 0) prctl(PR_SET_TIMERSLACK, 1000UL);
  return 0;
}

/* The events of the next turn of the loop: see NAP_MIN_CONNECTIONS. */
static int wait_events(struct epoll_event *events, int timeout) {
  if (nap_ns == 0 || !started || timeout == 0) return epoll_wait(ep, events, 256, timeout);
  int n = epoll_wait(ep, events, 256, 0);
  if (n != 0) return n;
  struct timespec nap = {0, nap_ns};
  nanosleep(&nap, NULL);
  n = epoll_wait(ep, events, 256, 0);
  if (n != 0) return n;
  return epoll_wait(ep, events, 256, timeout);
}

static int run(int argc, char **argv) {
  if (parse_args(argc, argv) < 0) {
    fprintf(stderr, "perfgate load-client: bad arguments\n");
    return 2;
  }
  if (read_stdin(&cfg.request, &cfg.request_len) < 0 || cfg.request_len == 0) {
    fprintf(stderr, "perfgate load-client: no request on stdin\n");
    return 2;
  }
  hist_len = hist_index(HIGHEST_US) + 1;
  hist = calloc((size_t)hist_len, sizeof *hist);
  timed = cfg.duration_ms > 0;
  amount = timed ? INT64_MAX : cfg.requests;
  int count = timed ? cfg.connections : (int)(cfg.requests < cfg.connections ? cfg.requests : cfg.connections);
  cfg.connections = count;
  conns = calloc((size_t)count, sizeof *conns);
  ep = epoll_create1(EPOLL_CLOEXEC);
  if (!hist || !conns || ep < 0) {
    fprintf(stderr, "perfgate load-client: %s\n", strerror(errno));
    return 3;
  }
  /* ends with the load process that started it, even when that one is killed */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (setup_nap() < 0) return 2;
  if (getppid() == 1) return 3;
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa = {.sa_handler = on_term};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  for (int i = 0; i < count; i++) {
    conn_t *c = &conns[i];
    c->index = i;
    c->fd = -1;
    c->budget = timed ? INT64_MAX : cfg.requests / count + (i < cfg.requests % count ? 1 : 0);
  }
  /* connect before the clock starts, for up to the request timeout */
  int64_t connect_deadline = now_ns() + cfg.timeout_ms * 1000000LL;
  for (int i = 0; i < count; i++) conn_open(&conns[i]);
  int64_t sweep_ns = cfg.timeout_ms / 4;
  if (sweep_ns > 100) sweep_ns = 100;
  if (sweep_ns < 10) sweep_ns = 10;
  sweep_ns *= 1000000LL;
  int64_t next_sweep = 0, next_progress = 0;
  struct epoll_event events[256];
  while (!stopped) {
    if (terminated) {
      stopped = 1;
      break;
    }
    int64_t now = now_ns();
    if (!started) {
      int pending = 0;
      for (int i = 0; i < count; i++) {
        conn_t *c = &conns[i];
        if (!c->preconnect_done) pending++;
      }
      if (pending == 0 || now >= connect_deadline) {
        start_run();
        now = now_ns();
        next_sweep = now + sweep_ns;
        next_progress = now + 1000000000LL;
        if (stopped) break;
      }
    }
    if (started) {
      if (now >= ends_at) {
        finish();
        break;
      }
      if (now >= next_sweep) {
        check_timeouts(now);
        next_sweep = now + sweep_ns;
        if (stopped) break;
      }
      if (now >= next_progress) {
        printf("progress %lld %lld\n", (long long)((now - t0) / 1000000), (long long)responses);
        fflush(stdout);
        next_progress += 1000000000LL;
      }
    }
    /* connections waiting to be opened again */
    int64_t wake = started ? next_sweep : connect_deadline;
    if (started && next_progress < wake) wake = next_progress;
    if (started && ends_at < wake) wake = ends_at;
    for (int i = 0; i < count && reopens > 0 && !stopped; i++) {
      conn_t *c = &conns[i];
      if (!c->reopen_at) continue;
      if (c->reopen_at <= now) conn_open(c);
      else if (c->reopen_at < wake) wake = c->reopen_at;
    }
    int64_t wait_ns = wake - now_ns();
    int timeout = wait_ns <= 0 ? 0 : (int)((wait_ns + 999999) / 1000000);
    int n = wait_events(events, timeout);
    for (int k = 0; k < n && !stopped; k++) {
      conn_t *c = &conns[(uint32_t)events[k].data.u64];
      if (c->fd < 0 || c->gen != (uint32_t)(events[k].data.u64 >> 32)) continue;
      uint32_t e = events[k].events;
      if (!c->connected) {
        if (e & (EPOLLOUT | EPOLLERR | EPOLLHUP)) conn_on_connect(c);
        continue;
      }
      if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) conn_on_read(c);
      if (!stopped && c->fd >= 0 && (e & EPOLLOUT) && c->inflight && c->written < cfg.request_len) {
        if (conn_flush(c) < 0) conn_on_close(c, now_ns());
        else if (c->written >= cfg.request_len) want_write(c, 0);
      }
    }
  }
  if (finished_run && !terminated) {
    drain();
    report();
  }
  return terminated ? 130 : 0;
}

/* ---- parse mode: the differential test of the parser ---- */

static int parse_is_head(void *ctx) { return *(int *)ctx; }
static int parse_on_response(void *ctx, const response_t *r) {
  (void)ctx;
  printf("response %d %lld %d\n", r->status, (long long)r->bytes, r->keep_alive);
  return 1;
}

/*
 * parse [HEAD] [bytewise]: reads a response stream from stdin, whole or a byte at a time, and
 * prints "response <status> <bytes> <keep-alive>" per response framed by its head, "close
 * <status> <bytes>" for one framed by the end of the stream, "error <why>" for a protocol error
 * and "cut" for a stream that ends in the middle of a response.
 */
static int parse_mode(int argc, char **argv) {
  int head = 0, bytewise = 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "HEAD")) head = 1;
    else if (!strcmp(argv[i], "bytewise")) bytewise = 1;
  }
  char *input;
  size_t len;
  if (read_stdin(&input, &len) < 0) return 2;
  parser_t p = {0};
  sink_t sink = {parse_is_head, parse_on_response, &head};
  size_t step = bytewise ? 1 : (len ? len : 1);
  for (size_t at = 0; at < len; at += step) {
    size_t m = len - at < step ? len - at : step;
    if (parser_feed(&p, input + at, m, &sink) < 0) {
      printf("error %s\n", parse_error);
      return 0;
    }
  }
  response_t r;
  int got = parser_end(&p, &r);
  if (got == 1) printf("close %d %lld\n", r.status, (long long)r.bytes);
  else if (got < 0) printf("cut\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "run")) return run(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "parse")) return parse_mode(argc, argv);
  fprintf(stderr, "usage: load-client run KEY=VALUE... | load-client parse [HEAD] [bytewise]\n");
  return 2;
}
