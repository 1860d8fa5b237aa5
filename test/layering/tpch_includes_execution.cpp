// Compiled by the `layering` test with the TPC-H generator's include root: the generator sits on
// the Parquet writer and must not reach the engine above it, so this #include must not compile
// (docs/ARCHITECTURE.md, "Rules a layer must not break").
#include "execution/physical_operator.h"
