// Compiled by the `layering` test with the Parquet layer's include root: the catalog sits above
// the Parquet reader, so this #include must not compile (docs/ARCHITECTURE.md, "Rules a layer
// must not break").
#include "catalog/multi_file_source.h"
