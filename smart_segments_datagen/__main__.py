import sys

from smart_segments_datagen.cli import main

sys.exit(main())
