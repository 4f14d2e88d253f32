"""Armistice entry point. With no arguments it opens the game; with a subcommand it runs the CLI."""
import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
