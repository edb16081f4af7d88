import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DEFAULT_METHOD,
  LOAD_OPTION_DEFAULTS,
  MAX_ECHOED_CHARS,
  MAX_LISTED_PROBLEMS,
  MAX_PROBLEM_LINE,
  RECORD_VERSION,
  SERVER_DEFAULTS,
  SHARD_EXPECTED,
  THRESHOLD_DEFAULTS,
  baselineSchema,
  controlCharIn,
  cut,
  duration,
  external_exports,
  gateSchema,
  parseShard,
  percent,
  resultsRecordSchema,
  size
} from "./chunk-6TR6MCCT.js";
import {
  didYouMean
} from "./chunk-M4UYDDKJ.js";
import {
  dataColumn,
  envName,
  isIterationName,
  placeholdersInRequest
} from "./chunk-5MSJA75B.js";

// src/record/record-file.ts
import { createHash } from "node:crypto";

// src/config/request-schema.ts
var HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
var STATUS_EXPECTED = "expected an HTTP status code from 100 to 599";
var statusCode = external_exports.number().int(STATUS_EXPECTED).min(100, STATUS_EXPECTED).max(599, STATUS_EXPECTED);
var httpMethod = external_exports.enum(HTTP_METHODS).meta({ description: "HTTP method (upper case)." });
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var headers = external_exports.record(
  external_exports.string().regex(HEADER_NAME, "expected a header name (letters, digits and !#$%&'*+.^_`|~-)"),
  external_exports.string().refine(
    (v) => controlCharIn(v, true) === null,
    "expected a header value without control characters (CR, LF, NUL, ...)"
  )
).meta({ description: "Request headers, name to value. Values may use {{captured}} values." });
var body = external_exports.union([external_exports.string(), external_exports.record(external_exports.string(), external_exports.unknown()), external_exports.array(external_exports.unknown())]).meta({
  description: "Request body: a string sent as is, or an object/array sent as JSON (content-type defaults to application/json). Strings may use {{captured}} values."
});
var expect = external_exports.strictObject({
  status: external_exports.union([statusCode, external_exports.array(statusCode).min(1)], { error: STATUS_EXPECTED }).optional().meta({ description: "Expected status code(s). Default: any 2xx." }),
  body: external_exports.string().optional().meta({
    description: "Text the response body must contain; a response without it counts as a body mismatch."
  })
}).meta({
  id: "expect",
  description: "Checks on each response; failures count as errors of their kind."
});
var capture = external_exports.record(
  external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a name of letters, digits and _"),
  external_exports.string().regex(
    /^(body(\.[^.\s]+)*|headers\.[A-Za-z0-9-]+|status)$/,
    'expected "body", "body.<field>[.<field>...]", "headers.<name>" or "status"'
  )
).meta({
  description: 'Values to capture from this response for later steps, name to source: "body.id" (a field of the JSON body, nested with dots, array items by index), "headers.location", "status". Use them as {{name}}.'
});
var requestSchema = external_exports.strictObject({
  method: httpMethod.default(DEFAULT_METHOD),
  path: external_exports.string().startsWith("/", 'expected a path starting with "/"').refine(
    (v) => controlCharIn(v) === null,
    "expected a path without control characters (NUL, CR, LF, tab, ...); percent-encode them"
  ).meta({
    description: "Request path and query, relative to server.url; may use {{captured}} values."
  }),
  headers: headers.optional(),
  body: body.optional(),
  expect: expect.optional(),
  capture: capture.optional()
}).meta({ id: "request", description: "One HTTP request." });

// src/config/server-schema.ts
var CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
var PORT_EXPECTED = "expected a TCP port from 1 to 65535";
var PORT_PLACEHOLDER = /\{\{\s*port\s*\}\}/g;
var ENV_PLACEHOLDER = /\{\{\s*env\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g;
var httpUrl = external_exports.string().refine(
  (text) => {
    try {
      const sample = text.replace(PORT_PLACEHOLDER, "1").replace(ENV_PLACEHOLDER, "x");
      return /^https?:$/.test(new URL(sample).protocol);
    } catch {
      return false;
    }
  },
  { message: 'expected an http:// or https:// URL such as "http://127.0.0.1:3000/health"' }
);
var tcpPort = external_exports.number().int(PORT_EXPECTED).min(1, PORT_EXPECTED).max(65535, PORT_EXPECTED);
var cpuList = (example) => external_exports.string().regex(CPU_LIST, `expected a CPU list such as "${example}" or "0-1,3"`);
var readySchema = external_exports.strictObject({
  url: httpUrl.optional().meta({
    description: "Ready when a GET to this URL answers with a 2xx or 3xx status (or one of `status`). May use {{port}}."
  }),
  status: external_exports.union([external_exports.array(external_exports.number().int().min(100).max(599)).min(1), external_exports.literal("any")], {
    error: 'expected a list of HTTP status codes such as [200, 404], or "any"'
  }).optional().meta({
    description: 'With url: the statuses that mean ready, or "any" for any HTTP answer. Default: 2xx and 3xx, so a mistyped health path (404) is not taken for ready.'
  }),
  port: tcpPort.optional().meta({ description: "Ready when this TCP port on 127.0.0.1 accepts connections." }),
  log: external_exports.string().min(1, "expected non-empty text").optional().meta({ description: "Ready when this text appears in the server output." }),
  timeout: duration.optional().meta({
    description: "Give up waiting after this long.",
    default: SERVER_DEFAULTS.readyTimeout
  })
}).meta({
  description: "When the server is ready: exactly one of url, port or log, and a timeout. Without server.command it may be left out: the server is then ready when server.url answers at all."
});
var serverSchema = external_exports.strictObject({
  command: external_exports.string().min(1, "expected a non-empty command").optional().meta({
    description: "Shell command that starts the server (run with sh -c in its own process group). May use {{port}} and {{env.NAME}}. Leave it out to measure a server that is already running (docker compose, a services: container, an earlier step) at server.url."
  }),
  pid: external_exports.number().int("expected a process id").min(1, "expected a process id").optional().meta({
    description: "Without server.command: process id of the running server, whose process tree perfgate reads server CPU and memory from. Without it, CPU and memory are reported as not measured."
  }),
  build: external_exports.string().min(1, "expected a non-empty command").optional().meta({
    description: "Shell command that builds the server, run in the working directory of the base commit before it is started when comparing with the base on the same runner (gate.compare-to: base). Build this checkout yourself before perfgate runs."
  }),
  port: external_exports.union([tcpPort, external_exports.literal("auto")], { error: `${PORT_EXPECTED}, or "auto"` }).optional().meta({
    description: 'Port the server should listen on, given to it as {{port}} in command, env values, ready.url and url; "auto" picks a free port before each start.'
  }),
  cwd: external_exports.string().optional().meta({
    description: "Working directory, relative to the config file.",
    default: SERVER_DEFAULTS.cwd
  }),
  env: external_exports.record(external_exports.string(), external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]).transform(String)).optional().meta({
    description: "Extra environment variables for the server. Values may use {{port}} and {{env.NAME}} (masked in every report and log)."
  }),
  ready: readySchema.optional(),
  url: httpUrl.optional().meta({
    description: "Base URL the workloads are sent to. Default: the origin of ready.url, or http://127.0.0.1:<ready.port or port>; required when ready waits for a log line and no port is set. May use {{port}}."
  }),
  restart: external_exports.enum(["never", "per-workload", "per-run"]).optional().meta({
    description: "never: one server for the whole session, runs interleaved in shuffled rounds; per-workload: a fresh server for each workload, whose runs then come in one block (blocks in shuffled order); per-run: a fresh server for every run.",
    default: SERVER_DEFAULTS.restart
  }),
  "stop-timeout": duration.optional().meta({
    description: "Grace period after SIGTERM before SIGKILL.",
    default: SERVER_DEFAULTS.stopTimeout
  }),
  cpus: cpuList("0").optional().meta({ description: "Pin the server to these CPUs (taskset list syntax)." })
}).meta({
  description: "How to start and stop the server under test, or (without command) where a running one is."
});

// src/config/semantics-extras.ts
var isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
var STARTED_ONLY = ["build", "env", "cpus", "cwd", "stop-timeout"];
function checkExternalServer(server, report) {
  const why = "applies only to a server perfgate starts (server.command is not set)";
  for (const key of STARTED_ONLY) {
    if (server[key] !== void 0) report(["server", key], `unexpected: ${key} ${why}`);
  }
  if (server.port !== void 0) {
    report(
      ["server", "port"],
      `unexpected: port ${why}; write the port into server.url, e.g. "http://127.0.0.1:8080"`
    );
  }
  if (server.restart !== void 0 && server.restart !== "never") {
    report(
      ["server", "restart"],
      "expected never: perfgate cannot restart a server it did not start (set server.command to let perfgate start it)",
      server.restart
    );
  }
  const ready = isObj(server.ready) ? server.ready : void 0;
  if (ready?.log !== void 0) {
    report(
      ["server", "ready", "log"],
      "unexpected: perfgate does not see the output of a server it did not start; wait for ready.url or ready.port"
    );
  }
  if (server.url === void 0 && ready?.url === void 0 && ready?.port === void 0) {
    report(
      ["server"],
      'missing, expected server.command (to start the server) or server.url (the base URL of a server that is already running, e.g. "http://127.0.0.1:8080")'
    );
  }
}
var num = (v) => typeof v === "number" ? v : void 0;
function checkWorkloadLoad(own, base, inherited, report) {
  const get = (k) => own[k] ?? inherited[k];
  if (own.iterations !== void 0 && own.requests !== void 0) {
    report([...base, "iterations"], "expected either iterations or requests, not both");
  }
  const stages = Array.isArray(get("stages")) ? get("stages").filter(isObj) : [];
  const at = own.stages !== void 0 ? [...base, "stages"] : base;
  if (stages.length > 0) {
    const kinds = /* @__PURE__ */ new Set();
    stages.forEach((st, i) => {
      const has = ["connections", "rate"].filter((k) => st[k] !== void 0);
      if (has.length !== 1) {
        report(
          [...at, i],
          `expected exactly one of connections (closed model) or rate (open model) in a stage${has.length ? `, not ${has.join(" and ")}` : ""}`
        );
      }
      has.forEach((k) => kinds.add(k));
    });
    if (kinds.size > 1) {
      report(at, "expected every stage to set the same thing: all connections, or all rate");
    }
    for (const key of ["requests", "iterations", "rate"]) {
      if (own[key] !== void 0) {
        report(
          [...base, key],
          `unexpected beside stages: a staged run lasts the sum of its stages${key === "rate" ? " and each stage sets the rate" : ""}`
        );
      }
    }
    const peak = Math.max(0, ...stages.map((st) => num(st.connections) ?? num(st.rate) ?? 0));
    if (peak === 0) report(at, "expected at least one stage with a target above 0");
  }
  if (get("think") !== void 0 && (get("rate") !== void 0 || stagesOf(stages) === "rate")) {
    report(
      [...base, "think"],
      "unexpected in the open model: with a rate the schedule decides when a request goes out, not a think time"
    );
  }
}
function stagesOf(stages) {
  if (stages.some((s) => s.rate !== void 0)) return "rate";
  return stages.length ? "connections" : null;
}

// src/config/semantics.ts
var isObj2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
var objects = (v) => Array.isArray(v) ? v.filter(isObj2) : [];
var num2 = (v) => typeof v === "number" ? v : void 0;
function checkConfigSemantics(value, ctx) {
  if (!isObj2(value)) return;
  const report = (path, message, input) => ctx.addIssue({ code: "custom", path, message, ...input === void 0 ? {} : { input } });
  checkServer(value.server, report);
  checkRunBounds(value, report);
  const workloads = Array.isArray(value.workloads) ? value.workloads : [];
  checkUniqueNames(workloads, report);
  const defaults = isObj2(value.defaults) ? value.defaults : {};
  checkWorkloadLoad(defaults, ["defaults"], {}, report);
  workloads.forEach((w, i) => {
    if (!isObj2(w)) return;
    checkPlaceholders(w, ["workloads", i], report);
    checkWorkloadLoad(w, ["workloads", i], defaults, report);
  });
}
function checkServer(server, report) {
  if (!isObj2(server)) return;
  if (server.command === void 0) return checkExternalServer(server, report);
  if (server.pid !== void 0) {
    report(
      ["server", "pid"],
      "expected no pid when server.command is set: perfgate reads the CPU and memory of the server it starts"
    );
  }
  if (!isObj2(server.ready)) {
    if (server.ready === void 0)
      report(
        ["server", "ready"],
        "missing, expected how to tell the started server is ready: ready: { url: ... }, { port: ... } or { log: ... }"
      );
    return;
  }
  const ready = server.ready;
  const given = ["url", "port", "log"].filter((k) => ready[k] !== void 0);
  if (given.length === 0) {
    report(["server", "ready"], "expected one of url, port or log to say when the server is ready");
  } else if (given.length > 1) {
    report(
      ["server", "ready"],
      `expected only one of url, port or log, not ${given.join(" and ")}`
    );
  }
  checkPortPlaceholders(server, report);
  if (given.length === 1 && given[0] === "log" && server.url === void 0 && server.port === void 0) {
    report(
      ["server", "url"],
      'missing, expected the base URL of the server such as "http://127.0.0.1:3000" (required when server.ready waits for a log line and server.port is not set)'
    );
  }
}
function checkPortPlaceholders(server, report) {
  if (server.port !== void 0) return;
  const fields = [
    [["server", "command"], server.command],
    [["server", "url"], server.url],
    [["server", "ready", "url"], isObj2(server.ready) ? server.ready.url : void 0],
    ...Object.entries(isObj2(server.env) ? server.env : {}).map(([k, v]) => [
      ["server", "env", k],
      v
    ])
  ];
  for (const [path, value] of fields) {
    if (typeof value === "string" && /\{\{\s*port\s*\}\}/.test(value)) {
      report(path, "expected server.port to be set when {{port}} is used");
    }
  }
}
function checkRunBounds(config, report) {
  const d = isObj2(config.defaults) ? config.defaults : {};
  const check = (own, base, inherited) => {
    const ownMin = num2(own["min-runs"]);
    const ownMax = num2(own["max-runs"]);
    if (ownMin === void 0 && ownMax === void 0) return;
    const min = ownMin ?? num2(inherited["min-runs"]) ?? LOAD_OPTION_DEFAULTS["min-runs"];
    const max = ownMax ?? num2(inherited["max-runs"]) ?? LOAD_OPTION_DEFAULTS["max-runs"];
    if (min <= max) return;
    if (ownMin !== void 0) {
      report([...base, "min-runs"], `expected at most max-runs (${max})`, min);
    } else {
      report([...base, "max-runs"], `expected at least min-runs (${min})`, max);
    }
  };
  check(d, ["defaults"], {});
  const workloads = Array.isArray(config.workloads) ? config.workloads : [];
  workloads.forEach((w, i) => {
    if (isObj2(w)) check(w, ["workloads", i], d);
  });
}
function checkUniqueNames(workloads, report) {
  const seen = /* @__PURE__ */ new Map();
  workloads.forEach((w, i) => {
    if (!isObj2(w) || typeof w.name !== "string") return;
    const first = seen.get(w.name);
    if (first === void 0) seen.set(w.name, i);
    else
      report(
        ["workloads", i, "name"],
        `expected a unique name (workloads[${first}] has it too)`,
        w.name
      );
  });
}
function checkPlaceholders(workload, base, report) {
  const setup = objects(workload.setup);
  const steps = Array.isArray(workload.steps) ? workload.steps : [workload];
  const stepBase = (i) => Array.isArray(workload.steps) ? [...base, "steps", i] : base;
  const captured = /* @__PURE__ */ new Set();
  const hasData = typeof workload.data === "string";
  const builtIn = (name, at) => {
    if (envName(name) !== void 0 || isIterationName(name)) return true;
    if (dataColumn(name) !== void 0) {
      if (!hasData)
        report(at, `expected a data file (data: users.csv) on the workload for {{${name}}}`);
      return true;
    }
    if (!name.includes(".")) return false;
    report(
      at,
      `expected a known placeholder, not {{${name}}}: {{env.NAME}}, {{data.<column>}}, {{seq}}, {{random.int}}, {{random.uuid}}, {{random.hex}} or a captured {{name}}`
    );
    return true;
  };
  const walk = (requests, at, laterLabel) => {
    requests.forEach((request, i) => {
      if (!isObj2(request)) return;
      for (const use of placeholdersInRequest(request)) {
        if (captured.has(use.name) || builtIn(use.name, [...at(i), ...use.path])) continue;
        const later = requests.findIndex(
          (r, j) => j >= i && isObj2(r) && capturesOf(r).includes(use.name)
        );
        const hint = later === i ? "; a request cannot use a value it captures itself" : later > i ? `; it is captured only by ${laterLabel(later)}, which runs after this one` : `; add capture: { ${use.name}: body.<field> } to an earlier step or to setup`;
        report(
          [...at(i), ...use.path],
          `expected {{${use.name}}} to be captured by an earlier step or setup${hint}`
        );
      }
      for (const name of capturesOf(request)) captured.add(name);
    });
  };
  walk(
    setup,
    (i) => [...base, "setup", i],
    (i) => `setup[${i}]`
  );
  if (Array.isArray(workload.mix)) {
    walk(
      workload.mix,
      (i) => [...base, "mix", i],
      (i) => `mix[${i}]`
    );
  } else walk(steps, stepBase, (i) => `steps[${i}]`);
}
var capturesOf = (request) => isObj2(request.capture) ? Object.keys(request.capture) : [];

// src/config/workload-extras-schema.ts
var stageSchema = external_exports.strictObject({
  duration: duration.meta({ description: "How long the stage lasts." }),
  connections: external_exports.number().int("expected a whole number of connections").min(0, "expected 0 to 10000 connections").max(1e4, "expected 0 to 10000 connections").optional().meta({
    description: "Closed model: open connections at the end of the stage, reached linearly from the level before (0 at the start of a run)."
  }),
  rate: external_exports.number().min(0, "expected 0 or more requests per second").optional().meta({
    description: "Open model: requests per second at the end of the stage, reached linearly from the rate before (0 at the start of a run)."
  })
}).meta({
  id: "stage",
  description: "One stage of a run: a target of connections or of a rate, reached linearly over its duration. A stage with the same target as the one before holds the level."
});
var stagesSchema = external_exports.array(stageSchema).min(1, "expected at least one stage").max(100, "expected at most 100 stages").meta({
  description: "Load that changes over a run: every stage sets a target of connections (closed model) or of a rate (open model), all stages the same kind, reached linearly. A run lasts the sum of the stages (`duration` and `requests` do not apply). Every run goes through the same stages."
});
var latency = (which) => duration.optional().meta({ description: `${which} latency must be at most this.` });
var objectivesSchema = external_exports.strictObject({
  throughput: external_exports.number().positive("expected a positive number of requests per second").optional().meta({ description: "Successful requests per second must be at least this." }),
  p50: latency("Median"),
  p90: latency("p90"),
  p99: latency("p99"),
  cpu: duration.optional().meta({
    description: 'Server CPU time per request must be at most this (e.g. "2ms").'
  }),
  rss: size.optional().meta({ description: "Server peak memory must be at most this." }),
  errors: percent.optional().meta({ description: "The error rate must be at most this." })
}).meta({
  id: "objectives",
  description: "Absolute objectives: limits checked on the median of the kept runs of this build, independent of any baseline; one that is not met fails the gate."
});

// src/config/schema.ts
var runs = external_exports.union(
  [
    external_exports.number().int("expected a whole number of runs").min(1, "expected at least 1 run").max(1e3, "expected at most 1000 runs"),
    external_exports.literal("auto")
  ],
  { error: 'expected a number of runs from 1 to 1000, or "auto"' }
).meta({
  description: 'Kept (measured) runs per workload, or "auto" for adaptive sampling between min-runs and max-runs. Fewer than 5 measured side by side is warned before the run: so few pairs decide only large changes (1 can never be compared).'
});
var count = (what, min, max) => {
  const expected = `expected a whole number of ${what} from ${min}${max === void 0 ? " up" : ` to ${max}`}`;
  const n = external_exports.number().int(expected).min(min, expected);
  return max === void 0 ? n : n.max(max, expected);
};
var loadOptionsShape = {
  connections: count("connections", 1, 1e4).optional().meta({ description: "Concurrent connections (closed model).", default: LOAD_OPTION_DEFAULTS.connections }),
  pipelining: count("requests", 1, 1e3).optional().meta({ description: "Requests in flight per connection.", default: LOAD_OPTION_DEFAULTS.pipelining }),
  duration: duration.optional().meta({
    description: "Length of one run. Ignored when `requests` is set.",
    default: LOAD_OPTION_DEFAULTS.duration
  }),
  requests: count("requests", 1).optional().meta({
    description: "End a run after this many requests instead of after `duration`. With `rate`, the run sends this many requests at that rate."
  }),
  iterations: count("iterations", 1).optional().meta({
    description: "End a run after this many iterations: passes through all the steps of a sequence (a sequence of 4 steps with iterations: 10000 sends 40,000 requests), or requests of a single-request or mix workload. Not together with `requests`."
  }),
  stages: stagesSchema.optional(),
  think: duration.optional().meta({
    description: "Think time: each connection waits this long after a response before it sends its next request (closed model, built-in client). Not measured as latency."
  }),
  rate: external_exports.number().positive("expected a positive number of requests per second").optional().meta({
    description: "Open model: send this many requests per second in total, whatever the latency (latency is corrected for coordinated omission). Combines with `duration` or `requests`."
  }),
  timeout: duration.optional().meta({
    description: "Per-request timeout; a request slower than this counts as a timeout error.",
    default: LOAD_OPTION_DEFAULTS.timeout
  }),
  runs: runs.optional().meta({ default: LOAD_OPTION_DEFAULTS.runs }),
  warmup: count("runs", 0, 100).optional().meta({ description: "Runs made and discarded before the kept runs.", default: LOAD_OPTION_DEFAULTS.warmup }),
  "min-runs": count("runs", 2).optional().meta({ description: "With runs: auto, the fewest kept runs.", default: LOAD_OPTION_DEFAULTS["min-runs"] }),
  "max-runs": count("runs", 2).optional().meta({ description: "With runs: auto, the most kept runs.", default: LOAD_OPTION_DEFAULTS["max-runs"] }),
  budget: duration.optional().meta({
    description: "With runs: auto, stop adding runs after this much total time.",
    default: LOAD_OPTION_DEFAULTS.budget
  }),
  latency: external_exports.enum(["corrected", "service"], { error: 'expected "corrected" or "service"' }).optional().meta({
    description: "Closed model: which latency p50/p90/p99 (and the gate) use. corrected: corrected for coordinated omission as wrk does, so a server stall shows in the percentiles; service: from sending a request to its answer only. Both are recorded. The open model always measures from when each request was due.",
    default: LOAD_OPTION_DEFAULTS.latency
  }),
  "min-rate-share": percent.optional().meta({
    description: "Open model: a run that sends less than this share of `rate` is flagged, and fails the gate as a measurement problem (add connections, or lower the rate).",
    default: LOAD_OPTION_DEFAULTS["min-rate-share"]
  }),
  client: external_exports.enum(["auto", "autocannon"], { error: 'expected "auto" or "autocannon"' }).optional().meta({
    description: "Load client. auto: perfgate's built-in HTTP/1.1 client (the least CPU per request) for closed-model http:// workloads without pipelining, autocannon for `rate`, `pipelining` and https://; autocannon: always autocannon.",
    default: LOAD_OPTION_DEFAULTS.client
  })
};
var thresholdValue = (description, metric) => external_exports.union([percent, external_exports.literal("off")], { error: 'expected a percentage such as "3%", or "off"' }).optional().meta({ description, default: THRESHOLD_DEFAULTS[metric] });
var thresholdsSchema = external_exports.strictObject({
  throughput: thresholdValue("Requests/s decrease tolerated.", "throughput"),
  p50: thresholdValue("Median latency increase tolerated.", "p50"),
  p90: thresholdValue("p90 latency increase tolerated.", "p90"),
  p99: thresholdValue("p99 latency increase tolerated.", "p99"),
  cpu: thresholdValue("Server CPU time per request increase tolerated.", "cpu"),
  rss: thresholdValue("Server peak memory increase tolerated.", "rss"),
  errors: thresholdValue(
    "Absolute increase of the error rate tolerated (0.1% = one request in a thousand).",
    "errors"
  )
}).meta({
  id: "thresholds",
  description: 'Per-metric tolerances; "off" stops gating on that metric.'
});
var workloadCommon = {
  name: external_exports.string().trim().min(1, "expected a non-empty name").max(100, "expected a name of at most 100 characters").meta({ description: "Unique name of the workload, shown in reports." }),
  setup: external_exports.array(requestSchema).optional().meta({
    description: "Requests made once before each run is measured (not measured); their captures are available to the workload."
  }),
  data: external_exports.string().min(1, "expected a file path").optional().meta({
    description: "A data file, relative to the config file: CSV with a header row (.csv) or JSON lines (.jsonl, .ndjson), one object per line. Each iteration takes the next row, round-robin from the first in every run; use its fields as {{data.<column>}}."
  }),
  thresholds: thresholdsSchema.optional(),
  objectives: objectivesSchema.optional(),
  ...loadOptionsShape
};
var singleWorkloadSchema = external_exports.strictObject({ ...workloadCommon, ...requestSchema.shape }).check((payload) => {
  const hasSteps = payload.issues.some(
    (i) => i.code === "unrecognized_keys" && (i.keys.includes("steps") || i.keys.includes("mix"))
  );
  if (hasSteps) {
    payload.issues.push({
      code: "custom",
      message: "expected no steps",
      input: payload.value,
      continue: false
    });
  }
}).meta({ title: "single request", description: "A workload of one request, repeated." });
var sequenceWorkloadSchema = external_exports.strictObject({
  ...workloadCommon,
  steps: external_exports.array(requestSchema).min(1, "expected at least one step").meta({ description: "Requests made in order, again and again, by each connection." })
}).meta({
  title: "sequence",
  description: "A workload of several requests made in order, with captured values."
});
var mixEntrySchema = requestSchema.omit({ capture: true }).extend({
  weight: count("shares", 1, 1e3).meta({
    description: "Share of the requests that go to this entry, relative to the other entries."
  })
}).meta({ id: "mix-entry", description: "One request of a weighted mix, with its weight." });
var mixWorkloadSchema = external_exports.strictObject({
  ...workloadCommon,
  mix: external_exports.array(mixEntrySchema).min(2, "expected at least two entries").max(50).meta({
    description: "Requests sent in proportion to their weights, interleaved in a fixed order (smooth weighted round-robin), so every run sends the same mix. Each entry is measured like a step of a sequence."
  })
}).meta({
  title: "weighted mix",
  description: "A workload of several independent requests, sent in proportion to their weights."
});
var workloadSchema = external_exports.union([
  sequenceWorkloadSchema,
  mixWorkloadSchema,
  singleWorkloadSchema
]);
var UNION_BRANCH_CHOOSERS = /* @__PURE__ */ new Map(
  [[workloadSchema, (input) => "steps" in input ? 0 : "mix" in input ? 1 : 2]]
);
var configSchema = external_exports.strictObject({
  $schema: external_exports.string().optional().meta({ description: "URL or path of this JSON Schema, for editors." }),
  version: external_exports.literal(1).optional().meta({ description: "Config format version.", default: 1 }),
  server: serverSchema,
  load: external_exports.strictObject({
    cpus: cpuList("1").optional().meta({ description: "Pin the load generator to these CPUs (taskset list syntax)." })
  }).optional().meta({ description: "Where the load generator runs." }),
  defaults: external_exports.strictObject(loadOptionsShape).optional().meta({
    description: "Load and sampling options for every workload; each workload may override them."
  }),
  thresholds: thresholdsSchema.optional(),
  objectives: objectivesSchema.optional(),
  gate: gateSchema.optional(),
  baseline: baselineSchema.optional(),
  seed: external_exports.number().int("expected a whole number").min(0, "expected a whole number from 0 up").optional().meta({ description: "Seed for the randomized workload order. Default: random, logged." }),
  shard: external_exports.string().refine((s) => parseShard(s) !== null, { error: `expected ${SHARD_EXPECTED}` }).optional().meta({
    description: "Measure only shard i of n of the workloads (a job of a matrix; see docs/sharding.md). The action input `shard` and `--shard` override it. Default: every workload."
  }),
  workloads: external_exports.array(workloadSchema).min(1, "expected at least one workload").meta({ description: "The HTTP workloads to measure." })
}).superRefine(checkConfigSemantics, { when: () => true }).meta({
  title: "perfgate configuration",
  description: "perfgate.yml: what to start, what to send, what to tolerate."
});

// src/config/schema-walk.ts
function chooseObjectBranch(union, value) {
  const chooser = UNION_BRANCH_CHOOSERS.get(union);
  if (chooser) return chooser(value);
  const options = union.options;
  const scores = options.map((o) => {
    const shape = objectShape(o);
    return shape ? Object.keys(value).filter((k) => k in shape).length : -1;
  });
  const best = Math.max(...scores);
  return best > 0 ? scores.indexOf(best) : void 0;
}
function valueAt(input, path) {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || !(String(key) in cur)) return { found: false };
    cur = cur[String(key)];
  }
  return { found: true, value: cur };
}
var isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function unwrap(schema) {
  let s = schema;
  for (; ; ) {
    if (s instanceof external_exports.ZodOptional || s instanceof external_exports.ZodNullable || s instanceof external_exports.ZodDefault) {
      s = s.unwrap();
    } else if (s instanceof external_exports.ZodPipe) s = s.in;
    else return s;
  }
}
function objectShape(schema) {
  const s = schema && unwrap(schema);
  return s instanceof external_exports.ZodObject ? s.shape : void 0;
}
function unionAt(root, input, path) {
  const s = schemaAt(root, input, path, false);
  return s instanceof external_exports.ZodUnion ? s : void 0;
}
function schemaAt(root, input, path, resolveLast = true) {
  let s = root;
  for (let i = 0; i <= path.length && s; i++) {
    s = unwrap(s);
    const value = valueAt(input, path.slice(0, i)).value;
    if (s instanceof external_exports.ZodUnion && (i < path.length || resolveLast)) {
      const chosen = isPlainObject(value) ? chooseObjectBranch(s, value) : void 0;
      s = chosen === void 0 ? s : unwrap(s.options[chosen]);
    }
    if (i === path.length) return s;
    const key = path[i];
    if (s instanceof external_exports.ZodObject) s = s.shape[String(key)];
    else if (s instanceof external_exports.ZodArray) s = s.element;
    else if (s instanceof external_exports.ZodRecord) s = s.valueType;
    else return void 0;
  }
  return s;
}

// src/config/problems.ts
function formatPath(path) {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += `${out ? "." : ""}${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
function formatProblems(problems, fileName) {
  const n = problems.length;
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => {
    const got = p.value === void 0 ? "" : `got ${showValue(p.value)}, `;
    return cut(`  - ${p.path ? `${cut(p.path)}: ` : ""}${got}${p.message}`, MAX_PROBLEM_LINE);
  });
  if (n > MAX_LISTED_PROBLEMS)
    lines.push(`  - and ${(n - MAX_LISTED_PROBLEMS).toLocaleString("en-US")} more`);
  return [
    `${cut(fileName, 200)}: ${n.toLocaleString("en-US")} problem${n === 1 ? "" : "s"}:`,
    ...lines
  ].join("\n");
}
function showValue(value) {
  if (value === null) return "null";
  if (Array.isArray(value))
    return value.length === 0 ? "an empty list" : clip(JSON.stringify(value));
  if (typeof value === "object") return clip(JSON.stringify(value));
  if (typeof value === "string") return clip(JSON.stringify(cut(value, MAX_ECHOED_CHARS + 1)));
  return clip(String(value));
}
var clip = (text) => cut(text, MAX_ECHOED_CHARS);
function problemsFromIssues(issues, schema, input) {
  const out = [];
  for (const issue of issues) collect(issue, [], schema, input, out);
  const seen = /* @__PURE__ */ new Set();
  const unique = out.filter(({ problem: p }) => {
    const key = `${p.path}\0${p.message}\0${showValue(p.value)}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  const order = unique.map((l) => ({ l, key: positionKey(input, l.at) }));
  order.sort((a, b) => compareKeys(a.key, b.key));
  return order.map(({ l }) => l.problem);
}
function positionKey(input, path) {
  const key = [];
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") break;
    const index = Array.isArray(cur) ? Number(k) : Object.keys(cur).indexOf(String(k));
    key.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
    cur = cur[String(k)];
  }
  return key;
}
function compareKeys(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
function collect(issue, base, root, input, out) {
  const path = [...base, ...issue.path];
  const here = valueAt(input, path);
  const push = (at, problem) => out.push({ at, problem: { path: formatPath(at), ...problem } });
  switch (issue.code) {
    case "invalid_union":
      return collectUnion(issue, path, root, input, out);
    case "unrecognized_keys":
      for (const key of issue.keys) {
        push([...path, key], { message: unknownKeyMessage(root, input, path, key) });
      }
      return;
    case "invalid_key":
      for (const inner of issue.issues)
        push(path, { message: messageOf(inner), value: issue.input });
      return;
    default: {
      if (issue.code === "invalid_type" && !here.found) {
        push(path, { message: `missing, ${missingExpectation(issue, root, input, path)}` });
      } else {
        push(path, { message: messageOf(issue), ...valueOf(issue, here) });
      }
    }
  }
}
function missingExpectation(issue, root, input, path) {
  const shape = issue.code === "invalid_type" && issue.expected === "object" ? objectShape(schemaAt(root, input, path)) : void 0;
  const required = Object.entries(shape ?? {}).filter(([, s]) => !s.safeParse(void 0).success).map(([k]) => k);
  return required.length ? `expected a mapping with ${joinOr(required).replace(/ or /, " and ")}` : messageOf(issue);
}
function valueOf(issue, here) {
  if (issue.code === "custom" && !here.found) return {};
  const value = here.found ? here.value : issue.input;
  return value === void 0 ? {} : { value };
}
function collectUnion(issue, path, root, input, out) {
  const here = valueAt(input, path);
  const union = schemaAt(root, input, path, false);
  const branches = issue.errors;
  const value = here.found ? here.value : issue.input;
  const pick = (i) => branches[i]?.forEach((inner) => collect(inner, path, root, input, out));
  if (isPlainObject(value) && union instanceof external_exports.ZodUnion) {
    const chosen = chooseObjectBranch(union, value);
    if (chosen !== void 0) return pick(chosen);
  }
  const matched = branches.map((b, i) => isTypeMismatch(b) ? -1 : i).filter((i) => i >= 0);
  if (matched.length === 1) return pick(matched[0]);
  if (matched.length > 1) {
    const fewest = matched.reduce(
      (a, b) => (branches[b]?.length ?? 0) < (branches[a]?.length ?? 0) ? b : a
    );
    return pick(fewest);
  }
  const problem = here.found ? { path: formatPath(path), message: unionExpectation(issue), value } : { path: formatPath(path), message: `missing, ${unionExpectation(issue)}` };
  out.push({ at: path, problem });
}
function unionExpectation(issue) {
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  const parts = [
    ...new Set(issue.errors.flatMap((b) => b.map((i) => messageOf(i).replace(/^expected /, ""))))
  ];
  return `expected ${joinOr(parts)}`;
}
function isTypeMismatch(branch) {
  return branch.length === 1 && branch[0]?.path.length === 0 && (branch[0].code === "invalid_type" || branch[0].code === "invalid_value");
}
function unknownKeyMessage(root, input, path, key) {
  const owner = schemaAt(root, input, path);
  const known = Object.keys(objectShape(owner) ?? {});
  if (unionAt(root, input, path) === workloadSchema && key in singleWorkloadSchema.shape) {
    return "not allowed in a workload with steps; set it on each step instead";
  }
  const guess = didYouMean(key, known);
  if (guess) return `unknown key; did you mean "${guess}"?`;
  return known.length ? `unknown key; expected one of ${known.join(", ")}` : "unknown key";
}
function messageOf(issue) {
  const own = issue.message;
  const isDefault = /^(Invalid|Too (big|small)|Unrecognized)/.test(own);
  if (!isDefault && own) return own;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return issue.origin === "string" ? issue.minimum === 1 ? "expected a non-empty string" : `expected at least ${issue.minimum} characters` : issue.origin === "array" ? `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}` : `expected a number ${issue.inclusive === false ? "above" : "of at least"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string" ? `expected at most ${issue.maximum} characters` : issue.origin === "array" ? `expected at most ${issue.maximum} items` : `expected a number ${issue.inclusive === false ? "below" : "of at most"} ${issue.maximum}`;
    case "invalid_format":
      return issue.format === "url" ? "expected a URL" : `expected a string matching ${issue.format}`;
    default:
      return own || "invalid value";
  }
}
var TYPE_WORDS = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping of keys to values",
  record: "a mapping of keys to values",
  array: "a list",
  null: "null"
};
var joinOr = (parts) => parts.length <= 1 ? parts[0] ?? "" : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;

// src/record/migrate.ts
var UNKNOWN_TOOL_VERSION = "0.0.0-unknown";
var MIGRATIONS = /* @__PURE__ */ new Map([
  [
    0,
    (raw) => ({
      ...raw,
      version: 1,
      tool: { name: "perfgate", version: UNKNOWN_TOOL_VERSION },
      design: "independent"
    })
  ]
]);
function migrateRecord(raw, migrations = MIGRATIONS) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: "not a JSON object" };
  }
  let current = raw;
  if (current.kind !== "perfgate-results") {
    return {
      ok: false,
      reason: `not a perfgate results record (kind: ${JSON.stringify(current.kind)})`
    };
  }
  const from = current.version;
  if (typeof from !== "number" || !Number.isInteger(from)) {
    return {
      ok: false,
      reason: `record version is missing or not an integer (${JSON.stringify(from)})`
    };
  }
  if (from > RECORD_VERSION) {
    return {
      ok: false,
      reason: `record version ${from} is newer than this perfgate understands (${RECORD_VERSION}); upgrade perfgate`
    };
  }
  for (let v = from; v < RECORD_VERSION; v++) {
    const step = migrations.get(v);
    if (!step)
      return { ok: false, reason: `unknown record version ${v}: no migration to version ${v + 1}` };
    current = step(current);
  }
  const parsed = resultsRecordSchema.safeParse(current);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `invalid record (version ${from}): ${summarizeIssues(parsed.error, current)}`
    };
  }
  return { ok: true, record: parsed.data, from };
}
function summarizeIssues(error, input) {
  const shown = error.issues.slice(0, 3).map((i) => {
    const where = i.path.length ? formatPath(i.path) : "(root)";
    const value = valueAtPath(input, i.path);
    const got = value === void 0 || typeof value === "object" ? "" : `got ${showValue(value)}, `;
    return `${where}: ${got}${i.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return shown.join("; ") + more;
}
function valueAtPath(input, path) {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return void 0;
    v = v[key];
  }
  return v;
}

// src/record/record-file.ts
var RefusedRecordError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RefusedRecordError";
  }
};
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => v === void 0 ? "null" : canonicalJson(v)).join(",")}]`;
  const obj = value;
  const parts = Object.keys(obj).filter((k) => obj[k] !== void 0).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(",")}}`;
}
function recordChecksum(record) {
  const { checksum: _ignored, ...rest } = record;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
function sealRecord(record) {
  return { ...record, checksum: recordChecksum(record) };
}
function serializeRecord(record) {
  return `${JSON.stringify(sealRecord(record), null, 2)}
`;
}
function parseRecordText(text, path, options = {}) {
  const corrupt = (reason) => ({ ok: false, path, reason });
  if (text.trim() === "") return corrupt("the file is empty");
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const reason = err.message.replace(
      /, (\.\.\.)?".*" (\.\.\.)?is not valid JSON$/s,
      ""
    );
    return corrupt(`not valid JSON (truncated?): ${reason}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return corrupt("not a JSON object");
  const stored = raw.checksum;
  if (stored === void 0) {
    if (options.requireChecksum) return corrupt("it has no checksum");
  } else if (typeof stored !== "string" || stored !== recordChecksum(raw)) {
    return corrupt("checksum mismatch: the content was changed or damaged after it was stored");
  }
  const migrated = migrateRecord(raw);
  if (!migrated.ok) return corrupt(migrated.reason);
  const record = migrated.from === migrated.record.version ? migrated.record : { ...migrated.record, checksum: void 0 };
  if (record.checksum === void 0) delete record.checksum;
  return { ok: true, path, record, storedVersion: migrated.from };
}
function describeCorrupt(c) {
  return `skipped the stored baseline ${c.path}: ${c.reason}`;
}

export {
  configSchema,
  formatProblems,
  problemsFromIssues,
  RefusedRecordError,
  serializeRecord,
  parseRecordText,
  describeCorrupt
};
