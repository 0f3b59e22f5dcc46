"""backpain: an offline, sourced reference on the causes of back pain."""


def find_version() -> str:
    """The package's version: written into the package at build time, else read from its metadata."""
    try:
        from backpain_cli._version import __version__
    except ImportError:  # a source tree that was never installed
        from importlib.metadata import version

        return version("backpain")
    return __version__
