"""Armistice entry point.

python main.py                      open the game (title screen)
python main.py --screenshots DIR    render every screen of a short scripted game to PNGs and exit
python main.py <subcommand> ...     the command line (scenarios, validate, simulate, ...)
"""

import sys


def main(argv: list[str]) -> int:
    from game.process import tune_collector

    tune_collector()
    if not argv:
        from game.ui.app import main as play

        return play([])
    if argv[0] == "--screenshots":
        from game.ui.screenshots import main as screenshots

        return screenshots(argv[1:])
    from game.cli import main as cli

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
