"""The console entry point: turns off the cyclic garbage collector, then runs the command line.

A command lives for a fraction of a second and builds tens of thousands of small acyclic objects
(the unpickled knowledge base and search index, Typer's parameters, Rich's segments); reference
counting frees them all, and the collector's passes over them only cost time: about half of what
loading and parsing take (benchmarks/startup.py). Importing the CLI here, after the switch, lets
the imports profit too; importing ``backpain_cli.cli`` as a library leaves the collector alone.

On the way out everything is frozen (``gc.freeze``): the interpreter's last full collection at
shutdown then skips those objects instead of walking them all, which saved about 20 ms a command
(benchmarks/startup.py). Shutdown itself still runs as normal: streams are flushed, atexit
handlers run, and reference counting frees what it frees.
"""

import gc
import os
import sys


def main() -> None:
    gc.disable()
    try:
        if sys.argv[1:] == ["--version"] and not os.environ.get("_BACKPAIN_COMPLETE"):
            _write_version()
            return
        from backpain_cli.cli import main as run_cli

        run_cli()
    except KeyboardInterrupt:  # Ctrl-C while starting up, before the command line handles it
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()


def _write_version() -> None:
    """``backpain --version`` needs no command line: answered before Typer (and the rest) is imported,
    with the bytes and exit statuses the app's own --version gives (cli._version_callback)."""
    from backpain_cli import find_version

    try:
        sys.stdout.write(f"backpain {find_version()}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(141) from None
