"""Run the command line with ``python -m backpain_cli``."""

from backpain_cli.entry import main

main()
