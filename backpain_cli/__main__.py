"""Run the command line with ``python -m backpain_cli``."""

from backpain_cli.cli import main

main()
