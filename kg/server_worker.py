"""Entry point of a query worker process: ``python -m kg.server_worker FD STORE WRITABLE MAX_MEMORY``.

Started by `kg.server_pool.WorkerPool`, which holds the other end of the socket ``FD``."""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from kg.server_pool import worker_main

if __name__ == "__main__":
    fd, path, writable, max_memory = sys.argv[1:5]
    worker_main(Connection(int(fd)), path, writable == "1", int(max_memory))
