"""Hypothesis without deadlines: a slow example on a busy CI machine is not a failure.

Speed is measured by the benchmarks under bench/, never asserted by a test."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("onward", deadline=None)
settings.load_profile("onward")
