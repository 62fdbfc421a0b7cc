"""The robustness benchmarks run quickly (``--quick``), and what they report holds: the load script
(benchmarks/load.py) against `kg serve` with runaway queries and the result cap, and the fault
script (benchmarks/faults.py) killing builds at chosen points. Timings are asserted only within
bounds far above what is measured (the machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def run_script(name: str, tmp_path: Path, timeout: float) -> list:
    out = tmp_path / f"{name}.json"
    proc = subprocess.run([sys.executable, str(BENCHMARKS / name), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "|" in proc.stdout  # the table it prints
    return json.loads(out.read_text())


def test_robustness_load_script_quick(tmp_path):
    [report] = run_script("load.py", tmp_path, timeout=300)
    light = report["light_4"]
    assert light["requests"] == 40 and light["statuses"] == {"200": 40}
    during = report["runaways"]
    # every light query answered while two runaway queries hold both long-query slots (6 s each):
    # a server they stall keeps light queries waiting for seconds
    assert during["light"]["requests"] == 40 and during["light"]["statuses"] == {"200": 40}
    assert during["light"]["max_ms"] < 3000
    assert [status for status, _, says in during["runaways"] if "time limit" in says] == ["503", "503"]
    status, _, says = during["one_more"]
    assert status == "503" and "busy" in says
    assert report["memory_after_runaways"]["worker_count"] == 3  # the runaways' workers were replaced
    cap = report["cap"]
    assert cap["status"] == "422" and "limit" in cap["says"]
    assert cap["after"]["largest_worker"] <= cap["largest_worker_before"]["largest_worker"] + 50


def test_robustness_fault_script_quick(tmp_path):
    trials = run_script("faults.py", tmp_path, timeout=600)
    killed = [t for t in trials if not t["landed"].startswith("finished")]
    assert len(killed) >= 2, trials
    for t in killed:
        assert t["store_answers"] is not False, t  # answers, or was not made yet
        assert t["rerun_exit_code"] == 0 and t["same_as_clean"], t
        assert t["tmp_left_after_rerun"] == 0, t
        if t["signal"] == "SIGTERM":
            assert t["exit_code"] == 143 and t["tmp_left_after_kill"] == 0, t
