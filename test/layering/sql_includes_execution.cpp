// Compiled by the `layering` test with the SQL layer's include root: execution sits above the
// planner, so this #include must not compile.
#include "execution/physical_operator.h"
