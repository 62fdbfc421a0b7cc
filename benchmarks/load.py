"""`kg serve` under load, on loopback: concurrent clients, runaway queries, the result cap.

Starts ``kg serve`` (a store, or RDF files) on 127.0.0.1 and runs, each bounded in requests and in
time:

1. ``light``: N clients each sending R requests, one after another, drawn in turn from the stored
   queries (``/queries/<name>``, an entity's three with a person found first) and a SPARQL SELECT:
   requests per second, p50/p95 latency, statuses;
2. ``runaways``: as many runaway queries as the server has long-query slots (``--workers``, a
   cross product that no time limit lets finish), then the light clients again while they run:
   the light queries' p50/p95 and statuses, and what the runaways got; then one runaway more
   while they still run (a server that cannot take it says so, 503);
3. ``cap``: a ``SELECT *`` cross product stopped by the result cap: status, seconds, and the
   workers' memory before and after;
4. the memory (resident, the server and its workers) at the start and after each scenario.

``--kg`` runs another ``kg`` executable (e.g. an older version's) on the same data, for figures
side by side; ``--rounds`` repeats everything, the executables taking turns (the machine is
shared), and a last table gives each figure's median over the rounds. Usage:
    python benchmarks/load.py [--store DIR | --corpus FILE.jsonl] [--clients 8 32] [--requests 40]
                              [--kg PATH ...] [--rounds 3]
    python benchmarks/load.py --quick [--json FILE]     # the test graphs, small numbers (make test)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"
QUICK_FILES = sorted((ROOT / "tests" / "data" / "graphs").glob("*.ttl"))
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
CROSS_ALL = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
LIGHT_SPARQL = "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name } LIMIT 50"
STORED = ["people", "countries", "organizations", "roles", "meetings", "quotes", "proposals"]
WITH_ENTITY = ["entity", "evidence", "co-mentions"]


@dataclass
class Stats:
    """What a group of requests got."""

    requests: int = 0
    seconds: float = 0.0
    per_second: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, results: list[tuple[float, str]], seconds: float) -> Stats:
        latencies = sorted(ms for ms, _ in results)
        if not latencies:
            return cls(seconds=seconds)
        return cls(len(latencies), round(seconds, 2), round(len(latencies) / seconds, 1),
                   round(statistics.median(latencies)), round(latencies[int(0.95 * (len(latencies) - 1))]),
                   round(latencies[-1]), dict(Counter(status for _, status in results)))


class Server:
    """``kg serve`` in a child process; its URL, its memory, and stopping it."""

    def __init__(self, kg: str, source: list[str], options: list[str]) -> None:
        self.process = subprocess.Popen([kg, "serve", *source, "--port", "0", *options], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, start_new_session=True)
        line = self.process.stdout.readline()
        if " at http" not in line:
            self.process.kill()
            raise SystemExit(f"kg serve did not start: {line}{self.process.stderr.read()[-500:]}")
        self.url = line.split(" at ")[1].split("/ ")[0]
        for pipe in (self.process.stdout, self.process.stderr):  # its request log must never fill a pipe
            threading.Thread(target=pipe.read, daemon=True).start()

    def memory_mb(self) -> dict[str, float]:
        """Resident memory of the server process and of its workers (all of them, and the largest)."""
        workers = [_rss_mb(pid) for pid in _descendants(self.process.pid)]
        return {"server": round(_rss_mb(self.process.pid)), "workers": round(sum(workers)),
                "largest_worker": round(max(workers, default=0)), "worker_count": len(workers)}

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _descendants(pid: int) -> list[int]:
    found = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def light_requests(url: str) -> list[tuple[str, dict]]:
    """The light requests, in the order clients take them: stored queries and a SPARQL SELECT."""
    people = httpx.get(f"{url}/queries/people", headers={"Accept": "application/sparql-results+json"}, timeout=60)
    rows = people.json()["results"]["bindings"] if people.status_code == 200 else []
    name = next((value["value"] for row in rows for key, value in row.items() if key == "name"), "Keir Starmer")
    requests = [(f"/queries/{q}", {}) for q in STORED]
    requests += [(f"/queries/{q}", {"entity": name}) for q in WITH_ENTITY]
    requests.append(("/sparql", {"query": LIGHT_SPARQL}))
    return requests


def run_clients(url: str, requests: list[tuple[str, dict]], clients: int, per_client: int, deadline: float) -> Stats:
    """``clients`` threads, each sending ``per_client`` requests in turn, until done or ``deadline``
    seconds have passed."""
    results: list[tuple[float, str]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline

    def client(number: int) -> None:
        with httpx.Client(timeout=max(1.0, stop_at - time.monotonic() + 5)) as http:
            for index in range(per_client):
                if time.monotonic() > stop_at:
                    return
                path, params = requests[(number + index) % len(requests)]
                started = time.monotonic()
                try:
                    status = str(http.get(url + path, params=params, headers={"Accept": "text/csv"}).status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                with lock:
                    results.append(((time.monotonic() - started) * 1000, status))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Stats.of(results, time.monotonic() - started)


class Runaway(threading.Thread):
    """One runaway query, sent and waited for in a thread: its status, first line and seconds."""

    def __init__(self, url: str, query: str, timeout: float) -> None:
        super().__init__(daemon=True)
        self.url, self.query, self.timeout = url, query, timeout
        self.status, self.says, self.seconds = "", "", 0.0
        self.start()

    def run(self) -> None:
        started = time.monotonic()
        try:
            response = httpx.post(f"{self.url}/sparql", data={"query": self.query}, timeout=self.timeout)
            self.status, self.says = str(response.status_code), response.text.strip().splitlines()[0][:120]
        except httpx.HTTPError as error:
            self.status = type(error).__name__
        self.seconds = round(time.monotonic() - started, 1)


def scenario_runaways(server: Server, requests, slots: int, clients: int, per_client: int, time_limit: float) -> dict:
    runaways = [Runaway(server.url, CROSS_COUNT, time_limit + 30) for _ in range(slots)]
    time.sleep(1.5)  # they are long queries by now
    light = run_clients(server.url, requests, clients, per_client, deadline=time_limit)
    one_more = Runaway(server.url, CROSS_COUNT, time_limit + 30)
    one_more.join()
    memory = server.memory_mb()
    for runaway in runaways:
        runaway.join()
    return {"light": asdict(light), "runaways": [(r.status, r.seconds, r.says) for r in runaways],
            "one_more": (one_more.status, one_more.seconds, one_more.says), "memory_during": memory}


def scenario_cap(server: Server) -> dict:
    before = server.memory_mb()
    capped = Runaway(server.url, CROSS_ALL, 120)
    peak = before["largest_worker"]
    while capped.is_alive():
        peak = max(peak, server.memory_mb()["largest_worker"])
        time.sleep(0.05)
    time.sleep(2)  # the worker that hit the cap is replaced
    return {"status": capped.status, "seconds": capped.seconds, "says": capped.says, "largest_worker_before": before,
            "largest_worker_peak_mb": peak, "after": server.memory_mb()}


def measure(kg: str, source: list[str], args) -> dict:
    options = ["--workers", str(args.workers), "--time-limit", str(args.time_limit)]
    if args.max_result_bytes:
        options += ["--max-result-bytes", str(args.max_result_bytes)]
    server = Server(kg, source, options)
    try:
        report: dict = {"kg": kg, "memory_start": server.memory_mb()}
        requests = light_requests(server.url)
        for clients in args.clients:
            report[f"light_{clients}"] = asdict(run_clients(server.url, requests, clients, args.requests, args.deadline))
        report["memory_after_light"] = server.memory_mb()
        report["runaways"] = scenario_runaways(server, requests, args.workers, args.clients[0], args.requests, args.time_limit)
        time.sleep(2)  # runaway workers replaced
        report["memory_after_runaways"] = server.memory_mb()
        report["cap"] = scenario_cap(server)
        return report
    finally:
        server.stop()


def markdown(report: dict, args) -> str:
    lines = [f"`{report['kg']}` — {args.workers} workers, time limit {args.time_limit:g} s",
             "", "| scenario | requests | req/s | p50 ms | p95 ms | max ms | statuses |", "|---|---|---|---|---|---|---|"]
    for clients in args.clients:
        s = report[f"light_{clients}"]
        lines.append(f"| {clients} clients x {args.requests} light | {s['requests']} | {s['per_second']} | {s['p50_ms']} | "
                     f"{s['p95_ms']} | {s['max_ms']} | {s['statuses']} |")
    s, run = report["runaways"]["light"], report["runaways"]
    lines.append(f"| {args.clients[0]} clients x {args.requests} light, {args.workers} runaway queries running | "
                 f"{s['requests']} | {s['per_second']} | {s['p50_ms']} | {s['p95_ms']} | {s['max_ms']} | {s['statuses']} |")
    lines += ["", f"- runaway queries: {'; '.join(f'{st} after {sec} s ({says})' for st, sec, says in run['runaways'])}",
              f"- one runaway more while they run: {run['one_more'][0]} after {run['one_more'][1]} s ({run['one_more'][2]})",
              f"- result cap (`{CROSS_ALL}`): {report['cap']['status']} after {report['cap']['seconds']} s; largest worker "
              f"{report['cap']['largest_worker_before']['largest_worker']} MB before, {report['cap']['largest_worker_peak_mb']} MB "
              f"at its peak, {report['cap']['after']['largest_worker']} MB after",
              "- memory (server + workers, MB): " + ", ".join(
                  f"{name} {report[key]['server']} + {report[key]['workers']} ({report[key]['worker_count']} workers)"
                  for name, key in (("at start", "memory_start"), ("after the light clients", "memory_after_light"),
                                    ("after the runaways", "memory_after_runaways")))]
    return "\n".join(lines)


def medians(reports: list[dict], kgs: list[str], args) -> str:
    """Each executable's light-query figures, the median over the rounds."""
    lines = ["| kg | scenario | req/s | p50 ms | p95 ms | answered |", "|---|---|---|---|---|---|"]
    scenarios = [(f"{c} clients x {args.requests}", lambda r, c=c: r[f"light_{c}"]) for c in args.clients]
    scenarios.append((f"{args.clients[0]} clients x {args.requests}, {args.workers} runaways running",
                      lambda r: r["runaways"]["light"]))
    for kg in kgs:
        mine = [r for r in reports if r["kg"] == kg]
        for name, pick in scenarios:
            figures = [pick(r) for r in mine]
            answered = "; ".join(f"{f['statuses'].get('200', 0)}/{f['requests']}" for f in figures)
            lines.append(f"| `{kg}` | {name} | {statistics.median(f['per_second'] for f in figures):g} | "
                         f"{statistics.median(f['p50_ms'] for f in figures):g} | "
                         f"{statistics.median(f['p95_ms'] for f in figures):g} | {answered} |")
    return f"Medians over {len(reports) // len(kgs)} rounds:\n\n" + "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="serve this store (default: build one from --corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--kg", action="append", help="the kg executable(s) to measure (default: this one's)")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--max-result-bytes", type=int, default=0)
    parser.add_argument("--deadline", type=float, default=120, help="seconds a group of clients may take at most")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="the test graphs, 4 clients x 10, a 6 s time limit")
    parser.add_argument("--json", type=Path, help="also write the figures here, as JSON")
    args = parser.parse_args()
    if args.quick:
        args.clients, args.requests, args.time_limit, args.deadline = [4], 10, 6.0, 60
        args.max_result_bytes = args.max_result_bytes or 1_000_000
    work = Path(tempfile.mkdtemp(prefix="load-"))
    try:
        if args.quick:
            source = [str(p) for p in QUICK_FILES]
        elif args.store:
            source = ["--store", str(args.store)]
        else:
            print(f"Building a store of {args.corpus.name} ...", file=sys.stderr, flush=True)
            subprocess.run([str(Path(sys.executable).with_name("kg")), "build", str(args.corpus), "--out", str(work / "out"),
                            "--store", str(work / "store"), "--no-html", "--workers", "2", "-q"], check=True)
            source = ["--store", str(work / "store")]
        reports = []
        kgs = args.kg or [str(Path(sys.executable).with_name("kg"))]
        for number in range(args.rounds):
            for kg in kgs[number % len(kgs):] + kgs[:number % len(kgs)]:
                reports.append(measure(kg, source, args))
                print(f"Round {number + 1}: " + markdown(reports[-1], args) + "\n", flush=True)
        if len(reports) > 1:
            print(medians(reports, kgs, args))
        if args.json:
            args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
