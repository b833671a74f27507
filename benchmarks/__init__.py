"""Benchmark scripts: run from the project root with `python -m benchmarks.<name>`.

They print figures; they assert nothing. Each works in a throwaway database of its own.
"""
