import sys

from tei.cli import main

# The guard matters: `tei build` starts worker processes with "spawn", which
# imports this module again in every worker.
if __name__ == "__main__":
    sys.exit(main())
