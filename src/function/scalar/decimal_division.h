// Exact numeric division (PostgreSQL's numeric_div): the `/` overloads for DECIMAL and NUMERIC
// operands, registered by RegisterDecimalDivision (function_registry.h). The quotient is a
// NUMERIC rounded half away from zero at the scale select_div_scale() picks for each pair of
// values (numeric::DivideUnscaled; the digits come from decimal::Divide's exact 128-bit long
// division).
//
// Thread-safety: the kernels are reentrant.
#pragma once

#include "function/function_registry.h"
