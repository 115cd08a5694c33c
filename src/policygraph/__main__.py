"""``python -m policygraph`` and the ``policygraph`` command."""
import sys


def run() -> None:
    """Import the CLI and run it; a Ctrl-C while it imports is one line and 130."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("policygraph: interrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
