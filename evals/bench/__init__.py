"""Benchmarks (`python -m evals.bench`): latency, memory, checkpoint size, throughput. Not timed tests."""
