from .helpers import utrecht  # noqa: F401 - a fixture for every test here
