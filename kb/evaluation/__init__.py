"""Measured quality and speed, on data the project did not write: public corpora readers
(:mod:`~kb.evaluation.corpus`), search and answer quality (``python -m kb.evaluation.eval``), speed
benchmarks and the site load test (``python -m kb.evaluation.bench``), the mining evaluation and
benchmark. Nothing here runs in the site."""
