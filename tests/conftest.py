"""Fixtures shared by every test: the shipped configuration and its catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, load
from bot.domain.catalogue import Catalogue

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def example_config() -> Config:
    """The shipped config.example.toml, read with an empty environment."""
    return load(ROOT / "config.example.toml", environ={})


@pytest.fixture(scope="session")
def catalogue(example_config: Config) -> Catalogue:
    """The default metric catalogue and six-branch roster of PRODUCT.md."""
    return example_config.catalogue
