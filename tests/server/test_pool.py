"""The query workers of `kg serve` (`kg.server.pool`): long queries limited to the pool's size with a
worker kept for light ones, long queries at a lower priority, workers replaced after a long
query, a result past the byte limit or a cancelled request, and workers started from the
installed package whatever the current directory holds."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from kg.rdf.store import GraphStore
from kg.server.pool import Job, WorkerPool

DATA = Path(__file__).parents[1] / "data" / "viewer" / "small.ttl"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
EVERYTHING = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("pool") / "store"
    store = GraphStore(path)
    store.load(DATA)
    store.flush()
    del store
    return str(path)


def run_with_pool(store_path: str, scenario, **options):
    """Run ``scenario(pool)`` in an event loop with a started pool, closed afterwards."""

    async def main():
        pool = WorkerPool(store_path, **options)
        await pool.start()
        try:
            return await scenario(pool)
        finally:
            await pool.close()

    return asyncio.run(main())


def query(text: str, **fields) -> Job:
    return Job("query", text, accept="text/csv", **fields)


def test_pool_keeps_one_worker_more_than_long_queries(store_path):
    async def scenario(pool):
        return len(pool.pids), pool.long_slots

    assert run_with_pool(store_path, scenario, size=2) == (3, 2)
    assert run_with_pool(store_path, scenario, size=2, writable=True) == (1, 1)


def test_pool_gives_the_next_job_to_the_worker_that_answered_last(store_path):
    """Last in, first out: one client's requests go to the worker whose caches they warmed."""
    async def scenario(pool):
        taken = []
        get = pool._idle.get

        async def recording_get():
            worker = await get()
            taken.append(worker.process.pid)
            return worker

        pool._idle.get = recording_get
        for _ in range(3):
            assert (await pool.run(query(LIGHT))).status == 200
        return taken

    taken = run_with_pool(store_path, scenario, size=2)
    assert len(taken) == 3 and len(set(taken)) == 1


def test_pool_light_queries_are_answered_while_long_queries_fill_their_slots(store_path):
    async def scenario(pool):
        runaways = [asyncio.ensure_future(pool.run(query(CROSS))) for _ in range(2)]
        await asyncio.sleep(1.5)  # both are long queries now
        waits, statuses = [], []
        for _ in range(10):
            started = time.monotonic()
            statuses.append((await pool.run(query(LIGHT))).status)
            waits.append(time.monotonic() - started)
        third = await pool.run(query(CROSS))  # a third long query: refused, the light worker stays free
        stopped = [await r for r in runaways]
        return statuses, max(waits), third, stopped

    statuses, slowest, third, stopped = run_with_pool(store_path, scenario, size=2, time_limit=6, long_after=1)
    assert statuses == [200] * 10
    assert slowest < 3, "a light query waited for the runaway ones"
    assert third.status == 503 and "already running 2 long queries" in third.body.decode()
    assert [r.status for r in stopped] == [503, 503]
    assert all("time limit" in r.body.decode() for r in stopped)


def test_pool_long_query_runs_at_lower_priority_and_its_worker_is_replaced(store_path):
    async def scenario(pool):
        before = set(pool.pids)
        running = asyncio.ensure_future(pool.run(query(CROSS)))
        await asyncio.sleep(1.5)
        niceness = {pid: os.getpriority(os.PRIO_PROCESS, pid) for pid in pool.pids}
        reply = await running
        await asyncio.sleep(1)  # the replacement starts
        return before, niceness, reply, set(pool.pids), pool.restarts

    before, niceness, reply, after, restarts = run_with_pool(store_path, scenario, size=1, time_limit=3, long_after=1)
    assert sorted(niceness.values()) == [0, 10]  # the long query's worker only
    assert reply.status == 503 and restarts == 1
    assert len(after) == 2 and len(before & after) == 1


def test_pool_result_cap_stops_the_query_and_replaces_its_worker(store_path):
    async def scenario(pool):
        before = set(pool.pids)
        capped = await pool.run(query(EVERYTHING, max_bytes=2000))
        small = await pool.run(query(LIGHT))
        await asyncio.sleep(1)
        return before, capped, small, set(pool.pids)

    before, capped, small, after = run_with_pool(store_path, scenario, size=1)
    assert capped.status == 422 and "2,000 bytes" in capped.body.decode()
    assert small.status == 200
    assert len(after) == 2 and len(before - after) == 1, "the worker that hit the cap is still there"


def test_pool_cancelled_job_frees_its_worker(store_path):
    async def scenario(pool):
        running = asyncio.ensure_future(pool.run(query(CROSS)))
        await asyncio.sleep(1.5)
        running.cancel()  # what the server does when the client goes away
        await asyncio.sleep(1)
        return pool.long_running, pool.restarts, (await pool.run(query(CROSS))).body.decode()

    long_running, restarts, next_long = run_with_pool(store_path, scenario, size=1, time_limit=3, long_after=1)
    assert long_running == 0 and restarts == 1
    assert "time limit" in next_long  # it had the long slot to itself: not refused as busy
