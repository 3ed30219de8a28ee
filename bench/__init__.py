"""Benchmark helpers. `python -m bench.generate` writes a synthetic warehouse input (see generate.py)."""
