import sys

from qextract.cli import main

sys.exit(main())
