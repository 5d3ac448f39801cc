"""Test and benchmark data: the fixture package builder and synthetic packages. A leaf."""
