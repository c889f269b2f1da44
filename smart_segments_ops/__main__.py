from smart_segments_ops.backfill import main

raise SystemExit(main())
