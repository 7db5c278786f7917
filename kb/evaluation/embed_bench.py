"""``python -m kb.evaluation.bench embed``: mining's embedding stage in one process and spread over
the workers of a local Dask cluster.

    python -m kb.evaluation.bench embed [--rows 20000] [--workers 2] [--chunk 2000] [--json]

The texts are the mining benchmark's (real inquiries in five languages, see :mod:`mining_bench`),
sampled without repeats. The single process encodes them with the machine's threads; the cluster
has ``--workers`` worker processes of one thread each, every worker loading the model once and
encoding chunks of ``--chunk`` texts. Reported: texts/s for each, the cluster's start-up (workers
and model loads) apart from its encoding, and the lowest cosine between the two runs' vectors
(int8 vectors move slightly with their batch). This is the stage that grows with the log; how the
rest scales past one machine is in README "Mining".
"""

from __future__ import annotations

import json
import random
import time

import numpy as np

_worker_encoders: dict[str, object] = {}  # model -> its encoder, one per Dask worker process


def _encode_chunk(texts: list[str], model: str) -> np.ndarray:
    """Runs on a worker: its own encoder, loaded on the first chunk, one thread."""
    from search import Encoder

    encoder = _worker_encoders.get(model)
    if not isinstance(encoder, Encoder):
        encoder = _worker_encoders[model] = Encoder(model, threads=1)
    return encoder.encode(texts, batch_size=64, queries=True)


def evaluate(texts: list[str], model: str, workers: int, chunk: int) -> dict:
    from dask import config as dask_config
    from distributed import Client, LocalCluster

    from search import Encoder

    started = time.perf_counter()
    encoder = Encoder(model)
    encoder.encode(["warm up"], queries=True)
    loaded = time.perf_counter()
    single = encoder.encode(texts, batch_size=64, queries=True)
    single_s = time.perf_counter() - loaded

    cluster_started = time.perf_counter()
    with (
        # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536. Setting any malloc threshold
        # turns off glibc's sliding mmap threshold, so every activation tensor over 128 KiB is a
        # fresh mmap whose pages fault in and are zeroed on every layer: one worker encoded 125
        # texts/s against 290 in a plain one-thread process, and 138 with the variable set there.
        dask_config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}),
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(_encode_chunk, ["warm up"], model)  # start-up: every worker loads the model
        ready = time.perf_counter()
        chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
        spread = np.vstack(client.gather(client.map(_encode_chunk, chunks, model=model, pure=False)))
        spread_s = time.perf_counter() - ready
    one = {"seconds": single_s, "texts_per_s": len(texts) / single_s, "model_load_s": loaded - started}
    dask = {"seconds": spread_s, "texts_per_s": len(texts) / spread_s, "startup_s": ready - cluster_started}
    return {
        "rows": len(texts),
        "model": model,
        "single_process": {k: round(v, 1) for k, v in one.items()},
        "dask": {"workers": workers, "chunk": chunk} | {k: round(v, 1) for k, v in dask.items()},
        "min_cosine_between_runs": round(float(np.min(np.sum(single * spread, axis=1))), 4),
    }


def command(args) -> int:
    from kb.evaluation.mining_bench import source_texts
    from kb.settings import Settings

    pairs, sources = source_texts()
    unique = list(dict.fromkeys(text for text, _ in pairs))
    random.Random(5).shuffle(unique)
    texts = unique[: args.rows]
    model = args.model or Settings.load().mining_model
    try:
        result = evaluate(texts, model, args.workers, args.chunk)
    except ImportError:
        print("error: the Dask measurement needs dask and distributed (requirements-dev.txt)")
        return 2
    result["sources"] = sources
    if args.json:
        print(json.dumps(result))
    else:
        one, dask = result["single_process"], result["dask"]
        print(f"{result['rows']} texts from {sources}, model {model}")
        print(
            f"  one process:     {one['texts_per_s']} texts/s ({one['seconds']} s; model load {one['model_load_s']} s)"
        )
        print(f"  dask, {dask['workers']} workers: {dask['texts_per_s']} texts/s ({dask['seconds']} s; "
              f"start-up {dask['startup_s']} s)")  # fmt: skip
        print(f"  lowest cosine between the two runs' vectors: {result['min_cosine_between_runs']}")
    return 0


def add_parser(sub) -> None:
    e = sub.add_parser("embed", help="mining's embedding stage: one process against a local Dask cluster")
    e.add_argument("--rows", type=int, default=20_000, help="distinct texts to encode")
    e.add_argument("--workers", type=int, default=2)
    e.add_argument("--chunk", type=int, default=2000, help="texts per task")
    e.add_argument("--model", help="embedding model (default: the KB_MINING_MODEL setting)")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=command)
