"""Benchmarks: each module has a main() that prints its sections and returns its figures.

Run them all with `python -m benchmarks` (or `make bench`).
"""
